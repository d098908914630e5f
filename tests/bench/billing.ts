// The billing half of the bench: ten years of a busy shop's books — 100,000 invoices of 1–10 lines
// and about 150,000 payments over 2,000 customers — written through the real services, then read
// the way the screens read them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../../electron/core/app';
import { addDays, fixedClock } from '../../electron/core/clock';
import { createCustomer } from '../../electron/core/customers/service';
import { createDraft } from '../../electron/core/drafts/service';
import { countInvoicesFor, finalizeInvoice } from '../../electron/core/invoices/service';
import { recordPayment } from '../../electron/core/payments/service';
import type { Channel, ChannelInput, ChannelParsed } from '../../shared/contract';
import { contract } from '../../shared/contract';
import { customerInputSchema } from '../../shared/domain/customer';
import { paymentInputSchema } from '../../shared/domain/payment';
import { formatMoney } from '../../shared/money';
import { fileSize, latency, prng, record, residentMemory, section } from './measure';

const TODAY = '2026-11-21';
const START = '2016-11-21';
const ITEMS = ['Web hosting', 'Logo design', 'Consulting', 'Delivery', 'Maize flour 2kg', 'Cement 50kg', 'Office cleaning', 'Printing', 'Data bundle', 'Repairs', 'Training session', 'Transport'];
const UNITS = ['months', 'pieces', 'hours', 'days', 'bags', 'sessions'];
const RATES: (number | null)[] = [1600, 1600, 1600, 1600, 1600, 1600, 800, 0, null];
const METHODS = ['mpesa', 'mpesa', 'mpesa', 'bank', 'bank', 'cash', 'card'] as const;

function mpesaCode(n: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let code = 'Q';
  let x = n * 2654435761;
  for (let i = 0; i < 9; i++) {
    code += alphabet[Math.abs(x) % alphabet.length];
    x = Math.floor(x / alphabet.length) + n * 31 + i;
  }
  return code;
}

/** Seeds the book and measures the billing channels; `then` runs further measures on the same book before it is closed. */
export async function benchBilling(invoiceCount: number, customerCount: number, then?: (core: Core) => Promise<void>): Promise<void> {
  section(`Billing: ${invoiceCount.toLocaleString('en')} invoices over ${customerCount.toLocaleString('en')} customers`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-billing-'));
  // BENCH_FROM: a book an earlier run kept (BENCH_KEEP), copied so that folder is never opened
  // (opening migrates it), instead of the half hour of seeding.
  const from = process.env.BENCH_FROM;
  if (from) {
    for (const file of ['billbook.db', 'billbook.db-wal']) {
      if (fs.existsSync(path.join(from, file))) fs.copyFileSync(path.join(from, file), path.join(dataDir, file));
    }
  }
  const clock = fixedClock(`${TODAY}T09:00:00.000Z`);
  const core = createCore({ dataDir, clock, log: (m, e) => console.error(m, e) });
  const ctx = core.context;
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>) => {
    const envelope = await core.api[channel](input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value;
  };
  const random = prng(42);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  // ---- seed ----
  const start = performance.now();
  const customers: { id: string; terms: number; lateness: number }[] = [];
  if (from) {
    // The kept book's customers in the order they were seeded; the clock after its last write, as seeding leaves it.
    customers.push(...(ctx.sql.prepare('SELECT id, payment_terms_days AS terms, 0 AS lateness FROM customers WHERE deleted_at IS NULL ORDER BY seq').all() as typeof customers));
    const { last } = ctx.sql.prepare('SELECT max(updated_at) AS last FROM invoices').get() as { last: string | null };
    if (last && last > clock.now().toISOString()) clock.set(new Date(Date.parse(last) + 1));
    record('seed', `reused from ${from} (${customers.length.toLocaleString('en')} customers)`);
  } else seedBook();
  function seedBook() {
    ctx.sql.transaction(() => {
      for (let i = 0; i < customerCount; i++) {
        const terms = [0, 7, 15, 30, 30, 60][i % 6]!;
        const fields = customerInputSchema.parse({ name: `Customer ${i} Ltd`, email: `c${i}@example.co.ke`, paymentTermsDays: terms });
        customers.push({ id: createCustomer(ctx, fields).id, terms, lateness: int(-5, 40) });
      }
    });
    const days = (Date.parse(`${TODAY}T00:00:00Z`) - Date.parse(`${START}T00:00:00Z`)) / 86_400_000;
    let payments = 0;
    let lines = 0;
    const BATCH = 500;
    for (let first = 0; first < invoiceCount; first += BATCH) {
      ctx.sql.transaction(() => {
        for (let i = first; i < Math.min(first + BATCH, invoiceCount); i++) {
          clock.advance(1);
          // Busier customers: a square skew puts more invoices on the first ones.
          const customer = customers[Math.floor(random() ** 2 * customers.length)]!;
          const issueDate = addDays(START, Math.floor((i / invoiceCount) * days));
          const lineCount = int(1, 10);
          lines += lineCount;
          const draftInput = contract['drafts.create'].input.parse({
            draft: {
              customerId: customer.id,
              issueDate,
              pricesIncludeTax: random() < 0.2,
              discount: random() < 0.1 ? { kind: 'percent', bp: 500 } : null,
              lines: Array.from({ length: lineCount }, () => ({
                description: ITEMS[int(0, ITEMS.length - 1)],
                quantityMilli: random() < 0.2 ? int(1, 40) * 500 : int(1, 20) * 1000,
                unit: UNITS[int(0, UNITS.length - 1)],
                unitPriceMinor: int(5, 5000) * 1000,
                taxRateBp: RATES[int(0, RATES.length - 1)],
              })),
            },
          }) as ChannelParsed<'drafts.create'>;
          const draft = createDraft(ctx, draftInput);
          const invoice = finalizeInvoice(ctx, { id: draft.id, version: 1 });
          if (random() < 0.002) continue; // never paid
          const paidOn = addDays(invoice.dueDate, customer.lateness + int(-10, 20));
          if (paidOn > TODAY) continue; // not paid yet
          const total = invoice.totals.totalMinor;
          const parts = random() < 0.65 ? [Math.floor(total * (0.3 + random() * 0.4)), 0] : [total];
          if (parts.length === 2) parts[1] = total - parts[0]!;
          parts.forEach((amount, k) => {
            const wanted = k === 0 && parts.length === 2 ? addDays(paidOn, -int(1, 20)) : paidOn;
            const on = wanted < issueDate ? issueDate : wanted;
            if (amount <= 0) return;
            payments += 1;
            const method = METHODS[int(0, METHODS.length - 1)]!;
            recordPayment(ctx, paymentInputSchema.parse({
              customerId: customer.id, amountMinor: amount, paidOn: on, method,
              reference: method === 'mpesa' ? mpesaCode(payments) : `REF${payments}`,
              allocations: [{ invoiceId: invoice.id, amountMinor: amount }],
            }));
          });
        }
      });
      if ((first / BATCH) % 20 === 0) console.log(`  … ${first.toLocaleString('en')} invoices`);
    }
    const seedSeconds = (performance.now() - start) / 1000;
    record('seed: invoices, lines, payments', `${invoiceCount.toLocaleString('en')} invoices, ${lines.toLocaleString('en')} lines, ${payments.toLocaleString('en')} payments in ${seedSeconds.toFixed(1)} s`);
  }
  ctx.sql.db.pragma('optimize');
  ctx.sql.db.exec('ANALYZE');

  // ---- writes a person waits for ----
  const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length]!;
  const drafts: { id: string }[] = [];
  const draftLines = [
    { description: 'Web hosting', quantityMilli: 3000, unit: 'months', unitPriceMinor: 1_500_000, taxRateBp: 1600 },
    { description: 'Domain renewal', quantityMilli: 1000, unit: '', unitPriceMinor: 150_000, taxRateBp: 1600 },
    { description: 'Support hours', quantityMilli: 2500, unit: 'hours', unitPriceMinor: 250_000, taxRateBp: 1600 },
    { description: 'Training', quantityMilli: 1000, unit: 'sessions', unitPriceMinor: 800_000, taxRateBp: null },
    { description: 'Delivery', quantityMilli: 1000, unit: '', unitPriceMinor: 50_000, taxRateBp: 0 },
  ];
  record('create draft (5 lines)', await latency(async (i) => {
    drafts.push(await call('drafts.create', { draft: { customerId: pick(customers, i).id, issueDate: TODAY, lines: draftLines } }));
  }, 300));
  let next = 0;
  record('finalize', await latency(async () => {
    const draft = drafts[next++]!;
    await call('invoices.finalize', { id: draft.id, version: 1 });
  }, 290));
  record('record payment (oldest-first allocation)', await latency(async (i) => {
    await call('payments.record', { customerId: pick(customers, i).id, amountMinor: 100_000, paidOn: TODAY, method: 'cash' });
  }, 200));

  // ---- reads ----
  const someCustomer = customers[0]!.id;
  const filters: [string, ChannelInput<'invoices.list'>][] = [
    ['no filter (newest first)', {}],
    ['status draft', { status: 'draft' }],
    ['status open', { status: 'open' }],
    ['status partially paid', { status: 'partially_paid' }],
    ['status paid', { status: 'paid' }],
    ['status overdue', { status: 'overdue' }],
    ['status unpaid', { status: 'unpaid' }],
    ['one customer (the busiest)', { customerId: someCustomer }],
    ['issued in one month', { issuedFrom: '2024-03-01', issuedTo: '2024-03-31' }],
    ['total between 10,000 and 20,000', { minTotalMinor: 1_000_000, maxTotalMinor: 2_000_000 }],
    ['search: invoice number', { search: 'INV-2024-004' }],
    ['search: customer name', { search: 'Customer 17' }],
    // A name half typed: tens of thousands of matches.
    ['search: customer name so far', { search: 'Customer 1' }],
    ['sort by due date, ascending', { sort: 'dueDate', direction: 'asc' }],
    ['sort by total, descending', { sort: 'total', direction: 'desc' }],
    ['sort by balance, descending', { sort: 'balance', direction: 'desc' }],
    ['sort by number, descending', { sort: 'number', direction: 'desc' }],
    ['sort by customer', { sort: 'customer' }],
    ['unpaid, sorted by customer', { status: 'unpaid', sort: 'customer' }],
    ['paid, sorted by customer', { status: 'paid', sort: 'customer' }],
    ['overdue sorted by due date', { status: 'overdue', sort: 'dueDate', direction: 'asc' }],
  ];
  for (const [label, filter] of filters) {
    const page = await call('invoices.list', { ...filter, limit: 100 });
    record(`invoice list, first page: ${label} (${page.total.toLocaleString('en')} match)`, await latency(() => call('invoices.list', { ...filter, limit: 100 }), 100));
  }
  // The list caches its count until the books change; a first load pays for the count too.
  for (const [label, filter] of [['no filter', {}], ['status paid', { status: 'paid' }], ['status overdue', { status: 'overdue' }], ['search: customer name', { search: 'Customer 17' }]] as const) {
    const query = contract['invoices.list'].input.parse(filter);
    record(`invoice list count, not cached: ${label}`, await latency(() => countInvoicesFor(ctx, query), 50));
  }
  record('invoice list: deep page (offset 50,000)', await latency(() => call('invoices.list', { offset: 50_000, limit: 100 }), 50));
  const ids = (await call('invoices.list', { limit: 200 })).rows.map((r) => r.id);
  record('invoice page (invoices.get)', await latency((i) => call('invoices.get', { id: pick(ids, i) })));
  record('customer summary (customers.get)', await latency((i) => call('customers.get', { id: pick(customers, i).id })));
  record('customer summary, busiest customer', await latency(() => call('customers.get', { id: someCustomer }), 100));
  record('aging 0–30 / 31–60 / 61–90 / 90+, whole book', await latency(() => call('invoices.aging', {}), 100));
  record('aging, one customer', await latency((i) => call('invoices.aging', { customerId: pick(customers, i).id }), 100));
  record('payments list, first page', await latency(() => call('payments.list', { limit: 100 }), 100));
  record("payments list, one customer's", await latency((i) => call('payments.list', { customerId: pick(customers, i).id, limit: 100 }), 100));
  record('customer list sorted by outstanding', await latency(() => call('customers.list', { sort: 'outstanding', direction: 'desc', limit: 100 }), 100));

  const aging = await call('invoices.aging', {});
  const kes = (minor: number) => formatMoney(minor, 'KES');
  record('aging result', aging.map((a) => `current ${kes(a.currentMinor)}, 1–30 ${kes(a.days1to30Minor)}, 31–60 ${kes(a.days31to60Minor)}, 61–90 ${kes(a.days61to90Minor)}, 90+ ${kes(a.days90plusMinor)} (${a.invoiceCount} unpaid)`).join('; '));
  global.gc?.();
  record('backend resident memory (RSS)', residentMemory());
  record('database file', fileSize(core.dbFile));
  // The same books compacted (a copy by VACUUM INTO): a book grown by writes holds partly empty
  // index pages that a book whose tables were copied in order (an update) does not.
  const compacted = path.join(dataDir, 'compacted-copy.db');
  core.context.sql.db.prepare('VACUUM INTO ?').run(compacted);
  record('database file, compacted copy (VACUUM INTO)', fileSize(compacted));
  fs.rmSync(compacted, { force: true });
  await then?.(core);
  core.close();
  if (process.env.BENCH_KEEP) console.log(`  books kept in ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
}
