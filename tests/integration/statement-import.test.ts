// Import statement (offline M-Pesa matching) and the Unmatched inbox, against real SQLite books.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatement } from '../../electron/core/payments/statement/read';
import type { Core } from '../../electron/core/app';
import { call, makeCore, refused } from '../helpers/core';
import { customer, invoice, line } from '../helpers/billing';

const statementBytes = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'statements', name));
const file = (name: string) => ({ fileName: name, base64: statementBytes(name).toString('base64') });

/** Four customers, one invoice each (INV-2026-0001 … 0004), before the statement's days. */
async function book(core: Core) {
  const people = [
    { name: 'Jane Wanjiru', phone: '0722 000111', minor: 1_000_000 },
    { name: 'Peter Otieno', phone: '0733 000222', minor: 580_000 },
    { name: 'Mary Akinyi', phone: '0711 000333', minor: 750_000 },
    { name: 'Ali Hassan', phone: '0712 345444', minor: 333_300 },
  ];
  const out = [];
  for (const p of people) {
    const c = await customer(core, { name: p.name, phone: p.phone, email: `${p.name.split(' ')[0]!.toLowerCase()}@example.co.ke` });
    const inv = await invoice(core, c.id, { issueDate: '2026-11-01', lines: [line('Consulting', 1, p.minor, null)] });
    out.push({ customer: c, invoice: inv });
  }
  return out;
}

const count = (core: Core, sql: string) => (core.context.sql.prepare(sql).get() as { n: number }).n;

describe('reading an M-Pesa statement', () => {
  it('reads money received from the CSV and the Excel export alike, past the preamble, footers, charges, failures and reversals', async () => {
    const csv = await readStatement(statementBytes('mpesa-paybill.csv'), 'mpesa-paybill.csv');
    const xlsx = await readStatement(statementBytes('mpesa-paybill.xlsx'), 'mpesa-paybill.xlsx');
    const essence = (s: typeof csv) => s.lines.map((l) => [l.receipt, l.paidOn, l.paidAt, l.amountMinor, l.payerPhone || l.maskedPhone, l.payerName, l.accountReference]);
    expect(essence(csv)).toEqual([
      ['TKI1A2B3C4', '2026-11-18', '2026-11-18T06:15:02.000Z', 1_000_000, '+254722000111', 'JANE WANJIRU', 'INV20260001'],
      ['TKJ2B3C4D5', '2026-11-18', '2026-11-18T08:40:10.000Z', 580_000, '+254733000222', 'PETER OTIENO', '2026-2'],
      ['TKK3C4D5E6', '2026-11-19', '2026-11-19T05:02:44.000Z', 750_000, '+254711000333', 'MARY AKINYI', 'mary'],
      ['TKL4D5E6F7', '2026-11-19', '2026-11-19T07:30:00.000Z', 333_300, '2547*****444', 'ALI HASSAN', ''],
      ['TKP7G8H9J2', '2026-11-20', '2026-11-20T04:55:31.000Z', 123_400, '+254788000777', 'UNKNOWN PAYER', 'rent'],
      ['TKQ8H9J2K3', '2026-11-20', '2026-11-20T05:10:00.000Z', 250_000, '+254722000111', 'JANE WANJIRU', 'INV20260001'],
    ]);
    expect(essence(xlsx)).toEqual(essence(csv));
    expect([csv.format, xlsx.format]).toEqual(['csv', 'xlsx']);
    expect(csv.leftOut.map((l) => [l.receipt, l.reason])).toEqual([
      ['TKI1A2B3C5', 'Money paid out'],
      ['TKM5E6F7G8', 'Not completed (Failed)'],
      ['TKN6F7G8H9', 'Reversed later in this statement (line 15)'],
      ['TKN6F7G8J1', 'Reversal of TKN6F7G8H9'],
      ['TKS1K2L3M4', 'Money paid out'],
    ]);
    expect(csv.problems).toEqual([{ line: 19, receipt: 'TKR9J2K3L4', reason: 'Paid In “12,34,5” is not an amount' }]);
    expect(xlsx.problems.map((p) => p.receipt)).toEqual(['TKR9J2K3L4']);
  });

  it('refuses what is not a statement with what was wrong and what to do, and saves nothing', async () => {
    const { core } = makeCore();
    const cases: [string, Buffer, RegExp][] = [
      ['customers.csv', fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'duplicates.csv')), /is not an M-Pesa statement: no row names the columns Receipt No\..*Download the statement again/],
      ['statement.pdf', Buffer.from('%PDF-1.7\n…'), /is a PDF statement.*export the statement as CSV or Excel/],
      ['empty.csv', Buffer.from(''), /is empty/],
      ['short.csv', Buffer.from('Receipt No.,Completion Time,Details\nTKI1A2B3C4,2026-11-18 09:15:02,x\n'), /has no Paid In column/],
      ['broken.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]), /could not be opened as an Excel workbook/],
    ];
    for (const [fileName, bytes, message] of cases) {
      const error = await refused(core, 'payments.statement.preview', { fileName, base64: bytes.toString('base64') });
      expect(error.code, fileName).toBe('invalid_input');
      expect(error.message, fileName).toMatch(message);
      const commit = await refused(core, 'payments.statement.commit', { fileName, base64: bytes.toString('base64'), decisions: [] });
      expect(commit.message).toMatch(message);
    }
    expect(count(core, 'SELECT count(*) AS n FROM incoming_payments') + count(core, 'SELECT count(*) AS n FROM payments')).toBe(0);
  });
});

describe('matching, review and accepting', () => {
  it('matches by account, by phone and amount, by hidden phone and amount; skips receipts already recorded', async () => {
    const { core } = makeCore();
    const [jane, peter, mary, ali] = await book(core);
    await call(core, 'payments.record', { customerId: jane!.customer.id, amountMinor: 250_000, paidOn: '2026-11-20', method: 'mpesa', reference: 'TKQ8H9J2K3' });
    const preview = await call(core, 'payments.statement.preview', file('mpesa-paybill.csv'));
    const byReceipt = new Map(preview.lines.map((l) => [l.receipt, l]));
    const top = (receipt: string) => byReceipt.get(receipt)!.suggestions[0];

    expect(top('TKI1A2B3C4')).toMatchObject({ invoiceId: jane!.invoice.id, invoiceNumber: 'INV-2026-0001', customerName: 'Jane Wanjiru' });
    expect(top('TKI1A2B3C4')!.confidence).toBeGreaterThanOrEqual(0.95);
    expect(top('TKI1A2B3C4')!.reasons).toEqual(expect.arrayContaining(['Account “INV20260001” is INV-2026-0001', "Paid from +254722000111, Jane Wanjiru's phone"]));
    expect(top('TKJ2B3C4D5')).toMatchObject({ invoiceId: peter!.invoice.id });
    expect(top('TKJ2B3C4D5')!.reasons[0]).toBe('Account “2026-2” reads as INV-2026-0002');
    expect(top('TKK3C4D5E6')).toMatchObject({ invoiceId: mary!.invoice.id });
    expect(top('TKK3C4D5E6')!.reasons).toContain("Paid from +254711000333, Mary Akinyi's phone");
    expect(top('TKL4D5E6F7')).toMatchObject({ invoiceId: ali!.invoice.id });
    expect(top('TKL4D5E6F7')!.confidence).toBeLessThan(0.75);
    expect(byReceipt.get('TKP7G8H9J2')!.suggestions).toEqual([]);
    expect(preview.lines.map((l) => [l.receipt, l.state, l.proposed])).toEqual([
      ['TKI1A2B3C4', 'new', 'record'],
      ['TKJ2B3C4D5', 'new', 'record'],
      ['TKK3C4D5E6', 'new', 'record'],
      ['TKL4D5E6F7', 'new', 'inbox'],
      ['TKP7G8H9J2', 'new', 'inbox'],
      ['TKQ8H9J2K3', 'recorded', 'inbox'],
    ]);
    expect(byReceipt.get('TKQ8H9J2K3')!.recordedAs).toMatch(/^PAY-2026-/);
  });

  it('records the accepted lines as M-Pesa payments, leaves the rest in the inbox, one change per receipt (so the Cloud can refuse one alone); a second import skips them all', async () => {
    const { core } = makeCore();
    const [jane, , , ali] = await book(core);
    const changesBefore = count(core, 'SELECT count(*) AS n FROM changes');
    const preview = await call(core, 'payments.statement.preview', file('mpesa-paybill.xlsx'));
    const decisions = preview.lines.map((l) => {
      // The person changes the hidden-phone line to Ali's invoice; the rest as proposed.
      if (l.receipt === 'TKL4D5E6F7') return { receipt: l.receipt, action: 'record' as const, customerId: ali!.customer.id, invoiceId: ali!.invoice.id };
      const s = l.suggestions[0];
      return l.proposed === 'record' && s ? { receipt: l.receipt, action: 'record' as const, customerId: s.customerId, invoiceId: s.invoiceId ?? undefined } : { receipt: l.receipt, action: 'inbox' as const };
    });
    const result = await call(core, 'payments.statement.commit', { ...file('mpesa-paybill.xlsx'), decisions });
    expect(result).toMatchObject({ recorded: 5, unmatched: 1, skipped: 0 });
    const payments = core.context.sql.prepare("SELECT reference, method, amount_minor, paid_on FROM payments ORDER BY reference").all();
    expect(payments).toEqual([
      { reference: 'TKI1A2B3C4', method: 'mpesa', amount_minor: 1_000_000, paid_on: '2026-11-18' },
      { reference: 'TKJ2B3C4D5', method: 'mpesa', amount_minor: 580_000, paid_on: '2026-11-18' },
      { reference: 'TKK3C4D5E6', method: 'mpesa', amount_minor: 750_000, paid_on: '2026-11-19' },
      { reference: 'TKL4D5E6F7', method: 'mpesa', amount_minor: 333_300, paid_on: '2026-11-19' },
      { reference: 'TKQ8H9J2K3', method: 'mpesa', amount_minor: 250_000, paid_on: '2026-11-20' },
    ]);
    // Jane's second payment named an invoice the first had already settled: it is kept as her credit.
    expect(core.context.sql.prepare("SELECT amount_minor - allocated_minor AS credit FROM payments WHERE reference = 'TKQ8H9J2K3'").get()).toEqual({ credit: 250_000 });
    const statuses = core.context.sql.prepare("SELECT status, count(*) AS n FROM invoices WHERE number IS NOT NULL GROUP BY status").all();
    expect(statuses).toEqual([{ status: 'paid', n: 4 }]);
    expect(core.context.sql.prepare("SELECT receipt, status, source FROM incoming_payments ORDER BY receipt").all()).toEqual([
      { receipt: 'TKI1A2B3C4', status: 'recorded', source: 'statement' },
      { receipt: 'TKJ2B3C4D5', status: 'recorded', source: 'statement' },
      { receipt: 'TKK3C4D5E6', status: 'recorded', source: 'statement' },
      { receipt: 'TKL4D5E6F7', status: 'recorded', source: 'statement' },
      { receipt: 'TKP7G8H9J2', status: 'unmatched', source: 'statement' },
      { receipt: 'TKQ8H9J2K3', status: 'recorded', source: 'statement' },
    ]);
    const changes = core.context.sql.prepare('SELECT mutation, rows FROM changes ORDER BY counter').all().slice(changesBefore) as { mutation: string; rows: string }[];
    // Six receipts, each its own change, then the statement's line in the history.
    expect(changes.map((c) => c.mutation)).toEqual(Array(7).fill('payments.importStatement'));
    const tablesOf = (c: { rows: string }) => new Set((JSON.parse(c.rows) as [string, string][]).map(([t]) => t));
    const recordedChanges = changes.slice(0, 6).filter((c) => tablesOf(c).has('payments'));
    expect(recordedChanges).toHaveLength(5);
    for (const c of recordedChanges) expect([...tablesOf(c)]).toEqual(expect.arrayContaining(['payments', 'incoming_payments', 'audit_log']));
    // Jane's second payment is all credit: the other four settle invoices in their own change.
    expect(recordedChanges.filter((c) => tablesOf(c).has('payment_allocations'))).toHaveLength(4);
    for (const c of changes.slice(0, 6)) expect(tablesOf(c).has('incoming_payments')).toBe(true);
    expect([...tablesOf(changes[6]!)]).toEqual(['audit_log']);
    expect(core.context.sql.prepare("SELECT summary_text(summary) AS summary FROM audit_log WHERE history_word(entity) = 'statement'").all()).toEqual([
      { summary: 'M-Pesa statement mpesa-paybill.xlsx: 5 recorded (KES 29,133.00), 1 left in Unmatched, 0 already in the books' },
    ]);
    expect(core.context.sql.prepare('SELECT count(*) AS n FROM payments WHERE customer_id = ?').get(jane!.customer.id)).toEqual({ n: 2 });

    // The same statement again (or its CSV twin): every receipt is already in the books.
    const again = await call(core, 'payments.statement.preview', file('mpesa-paybill.csv'));
    expect(again.lines.every((l) => l.state === 'recorded')).toBe(true);
    const second = await call(core, 'payments.statement.commit', { ...file('mpesa-paybill.csv'), decisions });
    expect(second).toEqual({ recorded: 0, unmatched: 0, skipped: 6, paymentNumbers: [] });
    expect(count(core, 'SELECT count(*) AS n FROM payments')).toBe(5);
    expect(count(core, 'SELECT count(*) AS n FROM changes')).toBe(changesBefore + 7);
  });

  it('undoes the whole import when one accepted line cannot be recorded', async () => {
    const { core } = makeCore();
    const [jane] = await book(core);
    const bad = { receipt: 'TKJ2B3C4D5', action: 'record' as const, customerId: jane!.customer.id, invoiceId: '0190f0f0-0000-7000-8000-000000000000' };
    const good = { receipt: 'TKI1A2B3C4', action: 'record' as const, customerId: jane!.customer.id, invoiceId: jane!.invoice.id };
    const error = await refused(core, 'payments.statement.commit', { ...file('mpesa-paybill.csv'), decisions: [good, bad] });
    expect(error.message).toMatch(/^TKJ2B3C4D5 \(line 10\): .*Nothing was imported\.$/);
    expect(count(core, 'SELECT count(*) AS n FROM payments') + count(core, 'SELECT count(*) AS n FROM incoming_payments')).toBe(0);
  });
});

describe('the Unmatched inbox', () => {
  async function withInbox() {
    const made = makeCore();
    const people = await book(made.core);
    // Everything left for the inbox.
    await call(made.core, 'payments.statement.commit', { ...file('mpesa-paybill.csv'), decisions: [] });
    return { ...made, people };
  }

  it('lists what waits with ranked suggestions, and counts it', async () => {
    const { core, people } = await withInbox();
    expect(await call(core, 'payments.incoming.count', {})).toEqual({ unmatched: 6 });
    const { rows } = await call(core, 'payments.incoming.list', {});
    expect(rows.map((r) => r.receipt)).toEqual(['TKQ8H9J2K3', 'TKP7G8H9J2', 'TKL4D5E6F7', 'TKK3C4D5E6', 'TKJ2B3C4D5', 'TKI1A2B3C4']);
    const first = rows.find((r) => r.receipt === 'TKI1A2B3C4')!;
    expect(first).toMatchObject({ source: 'statement', amountMinor: 1_000_000, paidOn: '2026-11-18', payerName: 'JANE WANJIRU' });
    expect(first.suggestions[0]).toMatchObject({ invoiceId: people[0]!.invoice.id, reasons: expect.arrayContaining(['Account “INV20260001” is INV-2026-0001']) });
    expect(rows.find((r) => r.receipt === 'TKL4D5E6F7')!.suggestions[0]!.reasons).toContain("2547*****444 could be Ali Hassan's phone");
  });

  it('assigns in one step, splits across invoices, keeps as credit, dismisses with a reason; each audited, once', async () => {
    const { core, people } = await withInbox();
    const [jane, peter, mary] = people;
    const second = await invoice(core, jane!.customer.id, { issueDate: '2026-11-02', lines: [line('Support', 1, 400_000, null)] });
    const { rows } = await call(core, 'payments.incoming.list', {});
    const id = (receipt: string) => rows.find((r) => r.receipt === receipt)!.id;

    const one = await call(core, 'payments.incoming.assign', { id: id('TKJ2B3C4D5'), customerId: peter!.customer.id, allocations: [{ invoiceId: peter!.invoice.id, amountMinor: 580_000 }] });
    expect(one.paymentNumber).toMatch(/^PAY-2026-/);
    const split = await call(core, 'payments.incoming.assign', {
      id: id('TKI1A2B3C4'), customerId: jane!.customer.id,
      allocations: [{ invoiceId: jane!.invoice.id, amountMinor: 600_000 }, { invoiceId: second.id, amountMinor: 400_000 }],
    });
    const credit = await call(core, 'payments.incoming.assign', { id: id('TKK3C4D5E6'), customerId: mary!.customer.id, allocations: [] });
    await call(core, 'payments.incoming.dismiss', { id: id('TKP7G8H9J2'), reason: 'Refunded to the sender' });

    const invoiceOf = (invoiceId: string) => core.context.sql.prepare('SELECT status, balance_minor FROM invoices WHERE id = ?').get(invoiceId);
    expect(invoiceOf(peter!.invoice.id)).toEqual({ status: 'paid', balance_minor: 0 });
    expect(invoiceOf(jane!.invoice.id)).toEqual({ status: 'partially_paid', balance_minor: 400_000 });
    expect(invoiceOf(second.id)).toEqual({ status: 'paid', balance_minor: 0 });
    expect(invoiceOf(mary!.invoice.id)).toEqual({ status: 'open', balance_minor: 750_000 });
    expect(core.context.sql.prepare('SELECT amount_minor, allocated_minor, reference FROM payments WHERE id = ?').get(credit.paymentId)).toEqual({ amount_minor: 750_000, allocated_minor: 0, reference: 'TKK3C4D5E6' });
    expect(split.paymentId).not.toBe(one.paymentId);
    expect(core.context.sql.prepare("SELECT receipt, status, note FROM incoming_payments WHERE status <> 'unmatched' ORDER BY receipt").all()).toEqual([
      { receipt: 'TKI1A2B3C4', status: 'assigned', note: '' },
      { receipt: 'TKJ2B3C4D5', status: 'assigned', note: '' },
      { receipt: 'TKK3C4D5E6', status: 'assigned', note: '' },
      { receipt: 'TKP7G8H9J2', status: 'dismissed', note: 'Refunded to the sender' },
    ]);
    expect(await call(core, 'payments.incoming.count', {})).toEqual({ unmatched: 2 });
    const mutations = (core.context.sql.prepare("SELECT mutation FROM changes WHERE mutation LIKE 'payments.%Incoming'").all() as { mutation: string }[]).map((m) => m.mutation);
    expect(mutations).toEqual(['payments.assignIncoming', 'payments.assignIncoming', 'payments.assignIncoming', 'payments.dismissIncoming']);
    expect(core.context.sql.prepare("SELECT summary_text(summary) AS summary FROM audit_log WHERE history_word(action) = 'dismissed'").all()).toEqual([
      { summary: 'TKP7G8H9J2 (KES 1,234.00) from UNKNOWN PAYER dismissed: Refunded to the sender' },
    ]);
    // Twice is refused, and says what happened.
    const again = await refused(core, 'payments.incoming.assign', { id: id('TKJ2B3C4D5'), customerId: peter!.customer.id, allocations: [] });
    expect(again).toMatchObject({ code: 'conflict', message: 'TKJ2B3C4D5 was already assigned, perhaps on another computer.' });
    expect(count(core, 'SELECT count(*) AS n FROM payments')).toBe(3);
  });

  it('refuses an allocation that does not fit and changes nothing', async () => {
    const { core, people } = await withInbox();
    const { rows } = await call(core, 'payments.incoming.list', {});
    const row = rows.find((r) => r.receipt === 'TKJ2B3C4D5')!;
    const error = await refused(core, 'payments.incoming.assign', { id: row.id, customerId: people[0]!.customer.id, allocations: [{ invoiceId: people[1]!.invoice.id, amountMinor: 100 }] });
    expect(error.message).toBe("That invoice is not one of Jane Wanjiru's.");
    expect(await call(core, 'payments.incoming.count', {})).toEqual({ unmatched: 6 });
  });
});
