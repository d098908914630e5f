// A finalized invoice keeps its bill-to and tax summary in the smaller form (db/invoiceForms.ts):
// every screen, report and export reads it as it reads an invoice written before that form, and
// sync sends the object text every computer and the Cloud know.
import { describe, expect, it } from 'vitest';
import { billToOf } from '../../electron/core/invoices/service';
import { readRows, writeRow } from '../../electron/core/sync/rows';
import type { CustomerRow } from '../../electron/core/customers/repo';
import { call, makeCore } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

async function book() {
  const { core } = makeCore('2026-03-10T09:00:00.000Z');
  const mwangi = await customer(core, {
    name: 'Mwangi & Sons "Duka" — Ltd ✓', email: 'pay@mwangi.co.ke', phone: '0722 000001', taxId: 'P051234567X',
    address: { street: 'Moi Avenue 12', city: 'Nairobi', postalCode: '00100', country: 'KE' },
  });
  const plain = await customer(core, { name: 'Baraka Ltd', email: 'b@baraka.co.ke', phone: '' });
  const mixed = await invoice(core, mwangi.id, {
    issueDate: '2026-03-10', lines: [line('Cement', 3, 100_000, 1600), line('Flour', 2, 50_000, 800), line('Training', 1, 20_000, null), line('Export', 1, 7_000, 0)],
  });
  const simple = await invoice(core, plain.id, { issueDate: '2026-03-09', lines: [line('Sand', 1, 50_000, 1600)] });
  return { core, sql: core.context.sql, invoices: [mixed, simple] };
}

type Stored = { bill_to: string; tax_summary: string };
const storedOf = (sql: ReturnType<typeof makeCore>['core']['context']['sql'], id: string) =>
  sql.prepare('SELECT bill_to, tax_summary FROM invoices WHERE id = ?').get(id) as Stored;

async function whatEveryoneReads(core: Awaited<ReturnType<typeof book>>['core'], ids: string[]) {
  return {
    invoices: await Promise.all(ids.map((id) => call(core, 'invoices.get', { id }))),
    vat: await call(core, 'reports.tax', { from: '2026-03-01', to: '2026-03-31' }),
    byRate: await call(core, 'reports.run', { rows: 'invoices', groupBy: ['taxRate'], measures: ['count', 'sum'] }),
    sent: [...readRows(core.context.sql, 'invoices', ids).entries()].map(([id, data]) => ({ id, billTo: data.bill_to, taxSummary: data.tax_summary })),
  };
}

describe('an invoice’s bill-to and tax summary, stored smaller', () => {
  it('are stored as arrays and read everywhere exactly as the object form written before it', async () => {
    const { core, sql, invoices } = await book();
    const ids = invoices.map((i) => i.id);
    for (const id of ids) {
      const stored = storedOf(sql, id);
      expect(stored.bill_to.startsWith('[')).toBe(true);
      expect(stored.tax_summary.startsWith('[[')).toBe(true);
    }

    const now = await whatEveryoneReads(core, ids);
    // Sync sends what a Billbook before this form wrote: the customer's bill-to object, the summary's objects.
    for (const [k, id] of ids.entries()) {
      const customerRow = sql.prepare('SELECT * FROM customers WHERE id = ?').get(invoices[k]!.customer.id) as CustomerRow;
      expect(now.sent.find((s) => s.id === id)).toEqual({ id, billTo: JSON.stringify(billToOf(customerRow)), taxSummary: JSON.stringify(invoices[k]!.totals.taxSummary) });
    }
    expect(now.invoices[0]!.customer).toMatchObject({ name: 'Mwangi & Sons "Duka" — Ltd ✓', taxId: 'P051234567X', address: { street: 'Moi Avenue 12', postalCode: '00100' } });
    expect(now.invoices[0]!.totals.taxSummary.map((s) => s.taxRateBp).sort()).toEqual([0, 1600, 800, null].sort());
    expect(now.byRate.rows.length).toBeGreaterThanOrEqual(4);

    // The same invoices as a Billbook before this form kept them (the frozen-content rule set aside to write them so).
    const objectForms = ids.map((id) => sql.prepare('SELECT bill_to_text(bill_to) AS bill_to, tax_summary_text(tax_summary) AS tax_summary FROM invoices WHERE id = ?').get(id) as Stored);
    sql.db.exec('DROP TRIGGER invoices_final_content_frozen');
    ids.forEach((id, k) => sql.prepare('UPDATE invoices SET bill_to = ?, tax_summary = ? WHERE id = ?').run(objectForms[k]!.bill_to, objectForms[k]!.tax_summary, id));
    expect(storedOf(sql, ids[0]!).bill_to.startsWith('{')).toBe(true);
    expect(await whatEveryoneReads(core, ids)).toEqual(now);
  });

  it('a pulled invoice is stored smaller when its texts read back the same, and as it came when they would not', async () => {
    const { core, sql, invoices } = await book();
    const [sent] = [...readRows(sql, 'invoices', [invoices[0]!.id]).values()];
    const customerId = invoices[0]!.customer.id;
    const pull = (id: string, billTo: string, taxSummary: string) =>
      sql.transaction(() => writeRow(sql, { table: 'invoices', id, data: { ...sent!, customer_id: customerId, number: `INV-2026-9${id.slice(-3)}`, bill_to: billTo, tax_summary: taxSummary, share_token: null }, stamps: { '*': '1' } }, '2026-03-12T09:00:00.000Z'));
    const canonical = '0196f3a0-0000-7000-8000-000000000001';
    pull(canonical, sent!.bill_to as string, sent!.tax_summary as string);
    expect(storedOf(sql, canonical)).toEqual(storedOf(sql, invoices[0]!.id));

    // From a newer Billbook, say: a bill-to with a field this one does not know, a summary line with a label.
    const newer = '0196f3a0-0000-7000-8000-000000000002';
    const billTo = JSON.stringify({ ...JSON.parse(sent!.bill_to as string), branch: 'Westlands' });
    const taxSummary = '[{"taxRateBp":1600,"netMinor":300000,"taxMinor":48000,"band":"B"}]';
    pull(newer, billTo, taxSummary);
    expect(storedOf(sql, newer)).toEqual({ bill_to: billTo, tax_summary: taxSummary });
    expect(readRows(sql, 'invoices', [newer]).get(newer)).toMatchObject({ bill_to: billTo, tax_summary: taxSummary });
    expect((await call(core, 'invoices.get', { id: newer })).customer.name).toBe('Mwangi & Sons "Duka" — Ltd ✓');
  });
});
