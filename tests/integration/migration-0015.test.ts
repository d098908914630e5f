import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toMatchExpression } from '../../electron/core/customers/search';
import { indexEveryCustomer } from '../../electron/core/db/migrations/0015_one_letter_search';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';

/** What the index answers for each search, straight from the index (the list's state filters included). */
function answers(db: Database.Database, searches: string[]): Record<string, number[]> {
  const read = db.prepare('SELECT rowid FROM customer_search WHERE customer_search MATCH ? ORDER BY rowid').pluck();
  return Object.fromEntries(searches.map((s) => [s, read.all(s) as number[]]));
}

const SEARCHES = [
  '{name email phone code tax_id} : ("k"*) NOT state : archived',
  '{name email phone code tax_id} : ("k"*)',
  '{name email phone code tax_id} : ("atieno"* "c"*) NOT state : archived',
  '{name email phone code tax_id} : ("second"*)',
  toMatchExpression('0733 456')!,
  toMatchExpression('456')!,
  toMatchExpression('P0512')!,
  'code : ("cust" "0003")',
  '({name email phone code tax_id} : ("w"*)) AND state : suspended',
  'state : archived',
];

describe('migration 15: one-letter customer search', () => {
  it('makes the search index again with a one-letter prefix and refills it from every customer, archived ones included', async () => {
    const dir = tempDir();
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    await customer(core, { name: 'Kamau Traders', email: 'orders@kamau.co.ke', phone: '+254722123456' });
    await customer(core, { name: 'Atieno Consultants', email: 'atieno.consultants@example.com', secondaryEmail: 'second@atieno.org' });
    const kiprop = await customer(core, { name: 'Kiprop Hardware', phone: '+254733456789', secondaryPhone: '+254711000456', taxId: 'P051234567X' });
    await customer(core, { name: 'Wambui Salon', status: 'suspended' });
    const archived = await customer(core, { name: 'Kariuki Motors', email: 'kariuki@motors.co.ke' });
    await call(core, 'customers.archive', { id: archived.id });
    await call(core, 'customers.update', { id: kiprop.id, version: kiprop.version, customer: { ...kiprop, name: 'Kiprop & Sons Hardware' } });
    core.close();

    // Books as version 14 left them: the older index (no one-letter prefix), holding what that version wrote.
    const file = path.join(dir, 'billbook.db');
    rewindBooks(file, 14);
    const older = new Database(file);
    expect(older.prepare("SELECT sql FROM sqlite_master WHERE name = 'customer_search'").pluck().get()).toContain("prefix = '2 3 4'");
    indexEveryCustomer(older);
    const before = answers(older, SEARCHES);
    older.close();
    // Each search finds someone, so an empty index after the upgrade cannot pass.
    for (const s of SEARCHES) expect(before[s], s).not.toEqual([]);

    const { core: upgraded } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(upgraded.migration).toMatchObject({ from: 14, to: MIGRATIONS.at(-1)!.version });
    const db = upgraded.context.sql.db;
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'customer_search'").pluck().get()).toContain("prefix = '1 2 3 4'");
    expect(answers(db, SEARCHES)).toEqual(before);

    // Through the list as a person types: one letter, a renamed customer, the archived one only when asked.
    const names = async (search: string, includeArchived = false) =>
      (await call(upgraded, 'customers.list', { search, includeArchived, sort: 'name' })).rows.map((r) => r.name);
    // "k": a name, or the "ke" of an email; Atieno's addresses hold no word starting with k.
    expect(await names('k')).toEqual(['Kamau Traders', 'Kiprop & Sons Hardware', 'Wambui Salon']);
    expect(await names('k', true)).toEqual(['Kamau Traders', 'Kariuki Motors', 'Kiprop & Sons Hardware', 'Wambui Salon']);
    expect(await names('s')).toEqual(['Atieno Consultants', 'Kiprop & Sons Hardware', 'Wambui Salon']);
    expect(await names('0711')).toEqual(['Kiprop & Sons Hardware']);

    // New and changed customers are indexed by the upgraded table as before.
    await customer(upgraded, { name: 'Zawadi Kiosk' });
    expect(await names('z')).toEqual(['Zawadi Kiosk']);
  });
});
