// The import's duplicate check and the customer form's look-alike warning look a customer up by email,
// phone or tax ID. Those columns have partial indexes (`WHERE email <> ''`…), which SQLite uses only
// when the query says the value is not empty; without it every check read the whole customer table
// (an import of 1,000 rows into books of 100,000 customers read 300 million rows).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findByContact, othersByContact } from '../../electron/core/customers/repo';
import { openDatabase } from '../../electron/core/db/open';
import { createSql, type Sql } from '../../electron/core/db/sql';
import { call, makeCore } from '../helpers/core';

const FIELDS = [
  ['email', 'accounts@kamau.co.ke'],
  ['phone', '+254722111222'],
  ['tax_id', 'P051234567X'],
] as const;

/** The connection as the app uses it, noting the text of every statement it prepares. */
function noting(sql: Sql): { sql: Sql; prepared: string[] } {
  const prepared: string[] = [];
  return { prepared, sql: { ...sql, prepare: (source: string) => (prepared.push(source), sql.prepare(source)) } };
}

describe('looking a customer up by email, phone or tax ID', () => {
  it('finds the oldest live customer through the field’s index, never reading every customer', async () => {
    const { core, dir } = makeCore();
    const first = await call(core, 'customers.create', { name: 'Kamau Traders', currency: 'KES', email: 'accounts@kamau.co.ke', phone: '0722 111 222', taxId: 'P051234567X' });
    const second = await call(core, 'customers.create', { name: 'Kamau Traders (Thika)', currency: 'KES', email: 'accounts@kamau.co.ke', phone: '0722 111 222', taxId: 'P051234567X' });
    await call(core, 'customers.create', { name: 'Wanjiru Stores', currency: 'KES', email: 'wanjiru@example.co.ke' });
    await call(core, 'customers.create', { name: 'No contact yet', currency: 'KES' });

    const db = openDatabase(path.join(dir, 'billbook.db'));
    try {
      const { sql, prepared } = noting(createSql(db));
      for (const [field, value] of FIELDS) {
        expect(findByContact(sql, field, value)?.id).toBe(first.id);
        expect(othersByContact(sql, field, value, first.id).map((c) => c.id)).toEqual([second.id]);
        expect(findByContact(sql, field, `${value}9`)).toBeUndefined();
      }
      expect(prepared.length).toBeGreaterThanOrEqual(6);
      for (const source of prepared) {
        const field = FIELDS.find(([f]) => source.includes(`${f} = ?`))![0];
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...(source.includes('id IS NOT ?') ? ['x', null] : ['x'])) as { detail: string }[]).map((r) => r.detail);
        expect(plan.join(' | ')).toContain(`USING INDEX customers_by_${field}`);
        expect(plan.some((d) => /^SCAN customers\b/.test(d))).toBe(false);
      }
    } finally {
      db.close();
    }
  });
});
