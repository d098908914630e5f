// Opening balances through the customer import: QuickBooks' "Open Balance" column (and a date) becomes
// an opening-balance entry that ages from its date, is paid like an invoice, and opens the statement.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call, makeCore, refused } from '../helpers/core';

const QBO = [
  'Customer,Company,Street Address,City,State,Zip,Country,Phone,Email,Open Balance,Notes,Balance As Of',
  'Wanjiku Traders,,Moi Avenue,Nairobi,,00100,Kenya,0722123456,orders@wanjiku.co.ke,"12,500.00",,15/08/2026',
  'Baraka Hardware,,,Nakuru,,,Kenya,0733987654,b@baraka.co.ke,0.00,,',
  'Duka la Mama,,,Thika,,,Kenya,0711222333,,4000,,',
].join('\n');

async function importFile(core: Core, csvText: string) {
  const preview = await call(core, 'customers.import.preview', { csvText, fileName: 'qbo-customers.csv' });
  const result = await call(core, 'customers.import.commit', { csvText, fileName: 'qbo-customers.csv', mapping: preview.mapping, duplicateActions: {} });
  return { preview, result };
}

describe('opening balances from the customer import', () => {
  it('reads QuickBooks’ Open Balance and its date into entries that age, are paid like invoices and open statements', async () => {
    const { core, clock } = makeCore('2026-11-21T09:00:00Z');
    const { preview, result } = await importFile(core, QBO);
    expect(preview.source).toMatchObject({ id: 'quickbooksOnline' });
    expect(preview.mapping).toMatchObject({ openingBalance: 'Open Balance', openingBalanceDate: 'Balance As Of' });
    expect(preview.openingBalances).toEqual({ count: 2, totalMinor: 1_650_000, problems: [] });
    expect(result).toMatchObject({ created: 3, openingBalances: 2 });

    const wanjiku = (await call(core, 'customers.list', { search: 'wanjiku' })).rows[0]!;
    expect(wanjiku.financials).toMatchObject({ outstandingMinor: 1_250_000, invoiceCount: 1 });
    const [entry] = (await call(core, 'invoices.list', { customerId: wanjiku.id })).rows;
    expect(entry).toMatchObject({ number: 'OB-2026-0001', issueDate: '2026-08-15', dueDate: '2026-08-15', totalMinor: 1_250_000 });
    const full = await call(core, 'invoices.get', { id: entry!.id });
    expect(full).toMatchObject({ kind: 'opening_balance', status: 'open', overdue: true });
    // Without a date, the import day.
    const duka = (await call(core, 'customers.list', { search: 'duka' })).rows[0]!;
    expect((await call(core, 'invoices.list', { customerId: duka.id })).rows[0]).toMatchObject({ number: 'OB-2026-0002', issueDate: '2026-11-21', totalMinor: 400_000 });

    // It ages from its date: 98 days past due on 21 Nov.
    const aging = await call(core, 'statements.get', { customerId: wanjiku.id, from: '2026-08-01', to: '2026-11-21' });
    expect(aging.aging).toMatchObject({ days90plusMinor: 1_250_000, totalMinor: 1_250_000 });
    expect(aging.lines.map((l) => [l.kind, l.number, l.description])).toEqual([['opening_balance', 'OB-2026-0001', 'Opening balance OB-2026-0001']]);
    // Paid like an invoice; the next statement opens with it.
    await call(core, 'payments.record', { customerId: wanjiku.id, amountMinor: 500_000, paidOn: '2026-11-21', method: 'cash' });
    expect((await call(core, 'invoices.get', { id: entry!.id })).balanceMinor).toBe(750_000);
    clock.set('2026-12-05T09:00:00Z');
    const december = await call(core, 'statements.get', { customerId: wanjiku.id, from: '2026-12-01', to: '2026-12-05' });
    expect(december.openingBalanceMinor).toBe(750_000);
    // Invoices keep their own series.
    const draft = await call(core, 'drafts.create', { draft: { customerId: wanjiku.id, issueDate: '2026-12-05', lines: [{ description: 'Cement', quantityMilli: 1000, unitPriceMinor: 100, taxRateBp: null }] } });
    expect((await call(core, 'invoices.finalize', { id: draft.id, version: 1 })).number).toBe('INV-2026-0001');
  });

  it('names the line whose opening balance cannot be read, and imports nothing until it is fixed', async () => {
    const { core } = makeCore('2026-11-21T09:00:00Z');
    const bad = [
      'Customer,Street Address,Open Balance,Balance As Of',
      'Wanjiku Traders,Moi Avenue,12.345,',
      'Baraka Hardware,,-300.00,',
      'Duka la Mama,,100,01/01/2027',
    ].join('\n');
    const preview = await call(core, 'customers.import.preview', { csvText: bad, fileName: 'bad.csv' });
    expect(preview.openingBalances.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(preview.openingBalances.problems[1]!.message).toMatch(/is a credit/);
    expect(preview.openingBalances.problems[2]!.message).toMatch(/in the future/);
    const refusal = await refused(core, 'customers.import.commit', { csvText: bad, fileName: 'bad.csv', mapping: preview.mapping, duplicateActions: {} });
    expect(refusal.message).toMatch(/^Line 2: opening balance "12.345"/);
    expect((await call(core, 'customers.list', {})).total).toBe(0);
  });
});
