// BENCH_PART=statement: a month's M-Pesa statement (BENCH_STATEMENT_ROWS, 5,000 rows received) read
// and matched against the billing book (BENCH_INVOICES, 100,000 invoices): by account for some,
// by the payer's phone and amount for others, and the rest by amount and date or not at all.
import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core/app';
import { loadMatchBook } from '../../electron/core/payments/statement/match';
import { readStatement } from '../../electron/core/payments/statement/read';
import { matchStatement } from '../../electron/core/payments/statement/service';
import { whereReceiptIs } from '../../electron/core/payments/incoming/repo';
import { call, prng, record, section } from './measure';

const receipt = (i: number) => `TB${i.toString(36).toUpperCase().padStart(8, '0')}`;

export async function benchStatement(core: Core, rows: number): Promise<void> {
  section(`Statement matching: ${rows.toLocaleString('en')} M-Pesa lines against the billing book`);
  const sql = core.context.sql;
  const random = prng(7);
  // A phone for every customer: M-Pesa names the payer by number.
  const customers = sql.prepare('SELECT id FROM customers').all() as { id: string }[];
  const setPhone = sql.prepare('UPDATE customers SET phone = ? WHERE id = ?');
  sql.transaction(() => customers.forEach((c, i) => setPhone.run(`+2547${String(10_000_000 + i).padStart(8, '0')}`, c.id)));
  const invoices = sql.prepare("SELECT i.number, i.balance_minor AS balance, i.total_minor AS total, c.phone FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.number IS NOT NULL").all() as
    { number: string; balance: number; total: number; phone: string }[];
  const unpaid = invoices.filter((i) => i.balance > 0);
  const { n: invoiceCount } = sql.prepare('SELECT count(*) AS n FROM invoices').get() as { n: number };
  const lines = ['Account Statement,,,,,,,,,,,,', 'Short Code,600123,,,,,,,,,,,', 'Time Period,From 01-11-2026 To 20-11-2026,,,,,,,,,,,', ',,,,,,,,,,,,',
    'Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.'];
  const money = (minor: number) => `"${(minor / 100).toLocaleString('en', { minimumFractionDigits: 2 })}"`;
  for (let i = 0; i < rows; i++) {
    const kind = random();
    const day = String(1 + (i % 20)).padStart(2, '0');
    const at = `2026-11-${day} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    let phone = `2547${String(90_000_000 + i).padStart(8, '0')}`;
    let account = '';
    let amount = 100_00 + Math.floor(random() * 50_000_00);
    if (kind < 0.45) {
      const inv = invoices[Math.floor(random() * invoices.length)]!;
      account = random() < 0.5 ? inv.number.replace(/-/g, '') : inv.number.split('-').pop()!;
      amount = inv.balance > 0 ? inv.balance : inv.total;
    } else if (kind < 0.8 && unpaid.length > 0) {
      const inv = unpaid[Math.floor(random() * unpaid.length)]!;
      phone = inv.phone.slice(1);
      amount = inv.balance;
      account = 'pay';
    }
    lines.push(`${receipt(i)},${at},${at},Pay Bill from ${phone} - PAYER ${i} Acc. ${account},Completed,${money(amount)},,"1,000.00",true,Pay Bill Online,${phone} - PAYER ${i},,${account}`);
    if (i % 50 === 0) lines.push(`${receipt(i + 1_000_000)},${at},${at},Pay Bill Charge,Completed,,-30.00,"970.00",true,Pay Bill Charge,,${receipt(i)},`);
  }
  lines.push(',,,,,,,,,,,,', 'Totals,,,,,,,,,,,,', 'Disclaimer: generated for the bench,,,,,,,,,,,,');
  const bytes = Buffer.from(lines.join('\r\n'));

  let t = performance.now();
  const statement = await readStatement(bytes, 'bench.csv');
  const readMs = performance.now() - t;
  t = performance.now();
  const book = loadMatchBook(sql);
  const loadMs = performance.now() - t;
  t = performance.now();
  const matched = matchStatement(book, statement, whereReceiptIs(sql));
  const matchMs = performance.now() - t;
  const proposed = matched.filter((l) => l.proposed === 'record').length;
  const suggested = matched.filter((l) => l.suggestions.length > 0).length;
  record('statement: book', `${invoiceCount.toLocaleString('en')} invoices, ${customers.length.toLocaleString('en')} customers`);
  record('statement: read 5,000-row CSV', `${readMs.toFixed(0)} ms (${statement.lines.length.toLocaleString('en')} received, ${statement.leftOut.length} left out, ${(bytes.length / 1024).toFixed(0)} KB)`);
  record('statement: load the book into maps', `${loadMs.toFixed(0)} ms`);
  record('statement: match every line', `${matchMs.toFixed(0)} ms (${proposed.toLocaleString('en')} proposed to record, ${suggested.toLocaleString('en')} with a suggestion)`);
  record('statement: read + load + match', `${(readMs + loadMs + matchMs).toFixed(0)} ms`);
  t = performance.now();
  await call(core, 'payments.statement.preview', { fileName: 'bench.csv', base64: bytes.toString('base64') });
  record('statement: preview channel (base64 in, review out)', `${(performance.now() - t).toFixed(0)} ms`);
}
