import { describe, expect, it } from 'vitest';
import { call, makeCore } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';
import { contract } from '../../shared/contract';
import { INVOICE_SORTS } from '../../shared/domain/invoice';
import { pageInvoiceKeys } from '../../electron/core/invoices/repo';

/** The indexes migration 26 made without their trailing seq, as they were made before it. */
const WITH_SEQ: Record<string, string> = {
  invoices_by_customer_issue: '(customer_seq, issue_date, seq) WHERE deleted_at IS NULL',
  invoices_by_customer_status: '(customer_seq, status, issue_date, seq) WHERE deleted_at IS NULL',
  invoices_by_status_issue: '(status, issue_date, seq) WHERE deleted_at IS NULL',
  invoices_by_number: '(number, seq) WHERE deleted_at IS NULL',
  invoices_by_issue: '(issue_date, seq) WHERE deleted_at IS NULL',
  invoices_by_due: '(due_date, seq) WHERE deleted_at IS NULL',
  invoices_by_total: '(total_minor, seq) WHERE deleted_at IS NULL',
  invoices_by_balance: '(balance_minor, seq) WHERE deleted_at IS NULL',
  invoices_awaiting_etims: "(finalized_at, seq) WHERE etims_signature IS NULL AND status <> 'draft'",
};

/**
 * The invoice list's indexes end with the invoice's seq only as their rowid (migration 26 took the
 * column out: it was held twice). Every sort, either way, with or without a filter, must read the same
 * index and sort no more than with the seq written out: a sort of every invoice would take tens of
 * milliseconds on a 100,000-invoice book, against under one for a first page.
 */
describe('the invoice list read in its indexes\' order', () => {
  it('reads every sort, each way and filtered, as it did with the seq written out in its indexes, and pages through each list once', async () => {
    const { core } = makeCore();
    const amani = await customer(core, { name: 'Amani Traders' });
    const baraka = await customer(core, { name: 'Baraka Stores', email: 'b@example.com', phone: '0733 000001' });
    // Ties on every sort key: same days, same amounts, both customers.
    for (const who of [amani, baraka, amani, baraka]) {
      await invoice(core, who.id, { issueDate: '2026-10-01', dueDate: '2026-10-31', lines: [line('Cement', 1, 100_000, 0)] });
    }
    await draft(core, amani.id, { issueDate: '2026-10-01', dueDate: '2026-10-31', lines: [line('Draft', 1, 100_000, 0)] });
    const sql = core.context.sql;
    const filters = [{}, { status: 'open' }, { customerId: amani.id }, { issuedFrom: '2026-09-01', issuedTo: '2026-10-31' }, { minTotalMinor: 50_000 }] as const;
    const cases = INVOICE_SORTS.flatMap((sort) => (['asc', 'desc'] as const).flatMap((direction) => filters.map((filter) => ({ sort, direction, ...filter }))));

    /** Per case: the index each statement reads and whether it sorts what it read. */
    const plansOf = () => cases.map((c) => {
      const query = contract['invoices.list'].input.parse({ ...c, limit: 2 });
      // Every statement the page reads, through Kysely (with its values) or prepared (values as NULL).
      const read: { source: string; args: unknown[] }[] = [];
      pageInvoiceKeys({
        ...sql,
        prepare: (source: string) => (read.push({ source, args: Array((source.match(/\?/g) ?? []).length).fill(null) }), sql.prepare(source)),
        all: (q) => {
          const { sql: source, parameters } = q.compile();
          read.push({ source, args: [...parameters] });
          return sql.all(q);
        },
      }, query, '2026-11-21', null, 0, 2);
      expect(read.length).toBeGreaterThan(0);
      return read.map(({ source, args }) =>
        (sql.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as { detail: string }[])
          .map((r) => r.detail).filter((d) => / INDEX |TEMP B-TREE FOR (ORDER BY|LAST TERM)/.test(d)).join(' | ')).join(' || ');
    });
    const now = plansOf();
    expect(now.some((p) => p.includes('invoices_by_issue'))).toBe(true);

    // The same books with each index as it was, its seq written out: every case reads the same index, and sorts no more.
    for (const [name, columns] of Object.entries(WITH_SEQ)) sql.db.exec(`DROP INDEX ${name}; CREATE INDEX ${name} ON invoices ${columns}`);
    const before = plansOf();
    cases.forEach((c, i) => expect(now[i], JSON.stringify(c)).toBe(before[i]));

    // And the pages, two rows at a time, are every matching invoice once, in the order of the whole list.
    for (const c of cases) {
      const whole = (await call(core, 'invoices.list', { ...c, limit: 100 })).rows.map((r) => r.id);
      const paged: string[] = [];
      for (let offset = 0; offset < whole.length; offset += 2) paged.push(...(await call(core, 'invoices.list', { ...c, offset, limit: 2 })).rows.map((r) => r.id));
      expect(paged, JSON.stringify(c)).toEqual(whole);
    }
    core.close();
  });
});
