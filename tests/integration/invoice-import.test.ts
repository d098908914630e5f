// Open invoices from other tools: kept under their own number, matched to customers by name or
// email, aging from their own dates, paid like Billbook's own, and never in the way of its numbers.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call, fixture, makeCore, refused } from '../helpers/core';
import { customer, draft } from '../helpers/billing';

const source = (name: string) => fixture(`sources/${name}`);

async function importCustomers(core: Core, file: string) {
  const csvText = source(file);
  const preview = await call(core, 'customers.import.preview', { csvText });
  await call(core, 'customers.import.commit', { csvText, mapping: preview.mapping });
}

async function importInvoices(core: Core, csvText: string, fileName = 'invoices.csv') {
  const preview = await call(core, 'invoices.import.preview', { csvText, fileName });
  const result = await call(core, 'invoices.import.commit', { csvText, fileName, mapping: preview.mapping });
  return { preview, result };
}

async function byNumber(core: Core, number: string) {
  const row = (await call(core, 'invoices.list', { search: number })).rows.find((r) => r.number === number);
  if (!row) throw new Error(`${number} was not imported`);
  return call(core, 'invoices.get', { id: row.id });
}

describe('open invoice import', () => {
  it('Zoho Invoice: one invoice from its line rows, paid part as a payment, drafts, paid and void ones left, unknown customers refused', async () => {
    const { core } = makeCore();
    await importCustomers(core, 'zoho-contacts.csv');
    const { preview, result } = await importInvoices(core, source('zoho-invoices.csv'), 'Invoice.csv');
    expect(preview.source.id).toBe('zoho');
    expect(preview.mapping).toMatchObject({ number: 'Invoice Number', customer: 'Customer Name', issueDate: 'Invoice Date', dueDate: 'Due Date', total: 'Total', balance: 'Balance', currency: 'Currency Code' });
    expect(preview.sample.map((s) => [s.number, s.customer, s.total, s.paid, s.balance])).toEqual([
      ['INV-000101', 'Mama Mboga Supplies', 'KES 58,000.00', 'KES 0.00', 'KES 58,000.00'],
      ['INV-000102', 'Highland Dairy', 'KES 120,000.00', 'KES 75,000.00', 'KES 45,000.00'],
      ['INV-000105', 'Pacific Traders Inc', 'USD 1,250.00', 'USD 0.00', 'USD 1,250.00'],
      ['INV-000106', 'Kampala Office Mart', 'UGX 3,500,000', 'UGX 0', 'UGX 3,500,000'],
    ]);
    expect(preview.skipped.map((s) => [s.line, s.number, s.reason])).toEqual([
      [5, 'INV-000103', 'Paid in full: only open invoices are imported'],
      [6, 'INV-000104', 'A draft in Zoho Invoice: only issued invoices are imported'],
      [10, 'INV-000108', 'Void in Zoho Invoice: nothing is owed on it'],
    ]);
    expect(preview.rejected).toMatchObject([{ line: 9, reasons: [expect.stringMatching(/^Customer: No customer called “Unknown Customer Ltd”: import your customers first/)] }]);
    expect(result).toEqual({ created: 4, skipped: 3, rejected: 1, payments: 1 });

    // Ages from its own dates (the books' day is 2026-11-21): 42 days overdue.
    const overdue = await byNumber(core, 'INV-000101');
    expect(overdue).toMatchObject({ status: 'open', overdue: true, daysOverdue: 42, issueDate: '2026-09-10', dueDate: '2026-10-10', balanceMinor: 5_800_000 });
    expect(overdue.lines).toEqual([expect.objectContaining({ description: 'Zoho Invoice invoice INV-000101 (total as billed there, any VAT included)', quantityMilli: 1000, unitPriceMinor: 5_800_000, taxRateBp: null })]);
    expect(overdue.draft.source).toBe('import');
    const partly = await byNumber(core, 'INV-000102');
    expect(partly).toMatchObject({ status: 'partially_paid', paidMinor: 7_500_000, balanceMinor: 4_500_000 });
    expect(partly.payments).toEqual([expect.objectContaining({ paymentNumber: 'PAY-2026-0001', allocatedOn: '2026-10-20', method: 'other', reference: 'Paid in Zoho Invoice', amountMinor: 7_500_000 })]);
    expect((await byNumber(core, 'INV-000106')).totals.totalMinor).toBe(3_500_000);
    // In the customer's ledger, the aging report and the receivables, like any invoice.
    const mama = (await call(core, 'customers.list', { search: 'mama mboga' })).rows[0]!;
    expect(mama.financials).toMatchObject({ invoiceCount: 1, outstandingMinor: 5_800_000, paymentStatus: 'overdue' });
    const [kes] = await call(core, 'invoices.aging', {});
    expect(kes).toMatchObject({ currency: 'KES', days31to60Minor: 5_800_000 + 4_500_000, invoiceCount: 2 });

    // And paid like Billbook's own: an M-Pesa payment goes to the oldest due first.
    await call(core, 'payments.record', { customerId: mama.id, amountMinor: 5_800_000, paidOn: '2026-11-21', method: 'mpesa', reference: 'SKL4H7Y2QA' });
    expect(await byNumber(core, 'INV-000101')).toMatchObject({ status: 'paid', balanceMinor: 0, paidOn: '2026-11-21' });

    // The same file again imports nothing twice.
    const again = await importInvoices(core, source('zoho-invoices.csv'));
    expect(again.result).toMatchObject({ created: 0, skipped: 7 });
    expect(again.preview.skipped.find((s) => s.number === 'INV-000101')!.reason).toBe('Already in Billbook as INV-000101');
  });

  it('never lets Billbook issue a number an imported invoice already has, and says so before finalizing', async () => {
    const { core } = makeCore();
    const buyer = await customer(core, { name: 'Baraka Hardware' });
    const csvText = 'Invoice Number,Customer,Date,Due Date,Total\nINV-2026-0001,Baraka Hardware,01/11/2026,30/11/2026,"10,000.00"\nINV-2026-0002,baraka hardware,2026-11-03,2026-12-03,2500\n';
    const { preview, result } = await importInvoices(core, csvText);
    expect(preview.source.id).toBe('spreadsheet');
    expect(result.created).toBe(2);
    const fresh = await draft(core, buyer.id);
    expect(await call(core, 'invoices.nextNumber', { id: fresh.id })).toEqual({ number: 'INV-2026-0003' });
    const issued = await call(core, 'invoices.finalize', { id: fresh.id, version: 1 });
    expect(issued.number).toBe('INV-2026-0003');
    // Day first (Kenya) when the dates do not say: 01/11/2026 is the first of November.
    expect((await byNumber(core, 'INV-2026-0001')).issueDate).toBe('2026-11-01');
  });

  it('FreshBooks, Wave, QuickBooks, Invoice Ninja and Xero lists: their totals, paid amounts and document types', async () => {
    const { core } = makeCore();
    for (const file of ['freshbooks-clients.csv', 'wave-customers.csv', 'invoice-ninja-clients.csv', 'xero-contacts.csv', 'quickbooks-desktop-customers.csv']) await importCustomers(core, file);
    const csv = fixture('quickbooks-customers.csv');
    await call(core, 'customers.import.commit', { csvText: csv, mapping: (await call(core, 'customers.import.preview', { csvText: csv })).mapping });

    const fb = await importInvoices(core, source('freshbooks-invoices.csv'));
    expect(fb.preview.source.id).toBe('freshbooks');
    expect(fb.result).toMatchObject({ created: 2, skipped: 1 });
    // No invoice total in FreshBooks' export: its line totals, VAT included, add up to it.
    expect((await byNumber(core, '0000041')).totals.totalMinor).toBe(3_284_000);
    expect(fb.preview.warnings.map((w) => w.message)).toEqual([
      'status partial: the file does not say how much was paid, so it is imported as unpaid; record what Peter Otieno paid',
    ]);

    const wave = await importInvoices(core, source('wave-invoices.csv'));
    expect(wave.preview.rejected).toMatchObject([{ line: 4, reasons: ['Currency: the invoice is in CAD, but Springfield Bakery is billed in USD; an invoice is in its customer\'s currency'] }]);
    expect(await byNumber(core, '17')).toMatchObject({ paidMinor: 1_000_000, balanceMinor: 2_480_000 });

    const qbo = await importInvoices(core, source('quickbooks-online-invoices.csv'));
    expect(qbo.preview.skipped.map((s) => s.reason)).toEqual(['Payment: only invoices are imported', 'Credit Memo: only invoices are imported']);
    // Month first: 09/14/2026 can only be read one way, so the whole file is.
    expect(await byNumber(core, '1038')).toMatchObject({ issueDate: '2026-10-02', dueDate: '2026-11-01', paidMinor: 60_000, balanceMinor: 35_000 });

    const qbd = await importInvoices(core, source('quickbooks-desktop-open-invoices.csv'));
    expect(qbd.result.created).toBe(2);
    expect(await byNumber(core, '7001')).toMatchObject({ totals: expect.objectContaining({ totalMinor: 4_500_000 }), dueDate: '2026-09-24', overdue: true });

    const ninja = await importInvoices(core, source('invoice-ninja-invoices.csv'));
    expect(ninja.preview.source.id).toBe('invoiceNinja');
    expect(ninja.preview.warnings.map((w) => w.message)).toEqual([
      "due date 2026-10-20 left out: before the issue date; due on 2026-12-02 from Coast Cold Storage's payment terms",
    ]);
    expect(await byNumber(core, '0031')).toMatchObject({ paidMinor: 650_000, balanceMinor: 1_200_000 });

    const xero = await importInvoices(core, source('xero-invoices.csv'));
    expect(xero.preview.skipped.map((s) => s.reason)).toEqual(['ACCRECCREDIT: only invoices are imported']);
    expect(await byNumber(core, 'INV-0091')).toMatchObject({ totals: expect.objectContaining({ totalMinor: 2_320_000 }), customer: expect.objectContaining({ name: 'Dar Harbour Agents' }) });
  });

  it('refuses what it cannot place, says what to do, and imports nothing of a file that fails', async () => {
    const { core } = makeCore();
    await customer(core, { name: 'Twin Co', email: 'a@twin.example.com' });
    await customer(core, { name: 'Twin Co', email: 'b@twin.example.com', phone: '0722 000 999' });
    const csvText = [
      'Invoice Number,Customer,Date,Total,Paid',
      'A-1,Twin Co,2026-11-01,100,',
      'A-2,Twin Co,2026-12-01,100,',
      'A-3,,2026-11-01,100,',
      'A-4,Twin Co,yesterday,100,',
      'A-5,Twin Co,2026-11-01,100,150',
    ].join('\n');
    const preview = await call(core, 'invoices.import.preview', { csvText });
    expect(Object.fromEntries(preview.rejected.map((r) => [r.line, r.reasons[0]]))).toEqual({
      2: 'Customer: 2 customers are called “Twin Co”; map the customer email column so each invoice finds its own',
      3: 'Customer: 2 customers are called “Twin Co”; map the customer email column so each invoice finds its own',
      4: 'Customer: The row names no customer',
      5: 'Customer: 2 customers are called “Twin Co”; map the customer email column so each invoice finds its own',
      6: 'Customer: 2 customers are called “Twin Co”; map the customer email column so each invoice finds its own',
    });
    const withEmail = 'Invoice Number,Customer,Email,Date,Total,Paid\nB-1,Twin Co,b@twin.example.com,2026-12-01,100,\nB-2,Twin Co,a@twin.example.com,2026-11-01,100,150\nB-3,Twin Co,a@twin.example.com,2026-11-01,100,40\n';
    const checked = await call(core, 'invoices.import.preview', { csvText: withEmail });
    expect(checked.rejected.map((r) => r.reasons[0])).toEqual([
      'Issue date: 2026-12-01 is in the future; an open invoice was issued on or before today',
      'Amount paid: KES 150.00 is more than the invoice total of KES 100.00',
    ]);
    expect(checked.acceptedRows).toBe(1);
    const missing = await refused(core, 'invoices.import.preview', { csvText: 'Customer,Total\nTwin Co,100\n' });
    expect(missing.message).toBe('Choose which column holds the invoice number, the issue date: every invoice needs them.');

    // 101 invoices of 100 billion each take one customer past what Billbook keeps for one customer: none is imported.
    const huge = ['Invoice Number,Email,Date,Total', ...Array.from({ length: 101 }, (_, i) => `H-${i + 1},a@twin.example.com,2026-11-01,"100,000,000,000.00"`)].join('\n');
    const big = await call(core, 'invoices.import.preview', { csvText: huge });
    expect(big.acceptedRows).toBe(101);
    const failed = await refused(core, 'invoices.import.commit', { csvText: huge, mapping: big.mapping });
    expect(failed.message).toMatch(/^Invoice H-101 \(line 102\): That would take Twin Co's billed total to .* Nothing was imported\.$/);
    expect((await call(core, 'invoices.list', {})).total).toBe(0);
  });
});
