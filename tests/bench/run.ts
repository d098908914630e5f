// `npm run bench`: seeds realistic books through the real channels and measures what a person waits for.
// Prints a table; timings are never test assertions.
//   BENCH_PART=customers|billing|statements|drafting|analytics|sending|all (default all): analytics seeds the billing
//   book and measures the dashboard, reports and predictions on it. BENCH_CUSTOMERS (100,000),
//   BENCH_INVOICES (100,000), BENCH_BILLING_CUSTOMERS (2,000), BENCH_AI_JOBS (1,000), BENCH_AI_RPM (1,200),
//   BENCH_PDF_BATCH (1,000), BENCH_EMAILS (500), BENCH_EMAILS_PDF (200), BENCH_ITEMS (10,000).
//   BENCH_PART=pdf: only the PDF half of sending (react-pdf warm, the worker pool, Chromium beside it).
//   BENCH_KEEP=1 keeps the billing book's data folder (its path is printed); BENCH_FROM=<that folder> then
//   skips the half-hour seed: its billbook.db is copied into a fresh data folder (the kept one is never
//   opened) and the billing, analytics, statements or sync measures run on the copy, e.g.
//   `BENCH_PART=analytics BENCH_FROM=/tmp/issue-17-analytics/book npm run bench`.
//   BENCH_PART=items: the item catalog (picker search, a sentence drafted with catalog lookups).
//   BENCH_PART=cloud: Billbook Cloud (sign-in, authenticated requests, on PGlite and PostgreSQL).
//   BENCH_PART=sync: upload and download of the billing book, push throughput, cross-computer
//   latency, 50 computers at once, bookkeeping cost (BENCH_PUSH_MUTATIONS, 20,000).
//   BENCH_PART=statement-import: a 5,000-row M-Pesa statement (BENCH_STATEMENT_ROWS) matched against the billing book.
//   BENCH_PART=fuzz: the sync convergence property, BENCH_FUZZ_RUNS (10,000) runs.
//   BENCH_PART=etims: BENCH_ETIMS_INVOICES (1,000) invoices transmitted to a local fake KRA OSCU server.
//   BENCH_PART=payments: getting paid through the Cloud (PGlite and PostgreSQL): M-Pesa C2B confirmations per second
//   (BENCH_CALLBACKS, 2,000; BENCH_CALLBACK_CONCURRENCY, 32; repeats included) with each receipt checked recorded once,
//   and confirmation to invoice shown paid on a syncing desktop (BENCH_PAID_INVOICES, 30; BENCH_PAYMENTS_POSTGRES=0 skips PostgreSQL).
//   BENCH_PART=screens: cold start, search keystrokes and list scrolling in Chromium, on kept books
//   (BENCH_BOOK, BENCH_CUSTOMER_BOOK; see screens.ts). Not part of `all`.
import os from 'node:os';
import type { Core } from '../../electron/core/app';
import { benchAnalytics } from './analytics';
import { benchBilling } from './billing';
import { benchCustomers } from './customers';
import { benchIntelligence } from './intelligence';
import { benchJobs } from './jobs';
import { printTable } from './measure';
import { benchParser } from './parser';
import { benchItems } from './items';
import { benchEmail } from './email';
import { benchEtims } from './etims';
import { benchPdf } from './pdf';
import { benchCloud } from './cloud';
import { benchPayments } from './payments';
import { benchFuzz, benchSync } from './sync';
import { benchStatement } from './statement';
import { benchStatements } from './statements';
import { benchScreens } from './screens';

const part = process.env.BENCH_PART ?? 'all';
const wants = (name: string) => part === 'all' || part === name;
console.log(`Billbook bench: ${os.cpus().length} cores, Node ${process.version}`);
if (wants('customers')) await benchCustomers(Number(process.env.BENCH_CUSTOMERS ?? 100_000));
if (wants('items')) await benchItems(Number(process.env.BENCH_ITEMS ?? 10_000));
if (wants('drafting')) {
  await benchParser();
  await benchJobs();
}
if (wants('sending') || part === 'pdf') await benchPdf();
if (wants('sending')) await benchEmail();
if (wants('cloud')) await benchCloud();
if (wants('payments')) await benchPayments();
if (wants('etims')) await benchEtims(Number(process.env.BENCH_ETIMS_INVOICES ?? 1_000));
if (part === 'screens') await benchScreens();
if (part === 'fuzz') benchFuzz(Number(process.env.BENCH_FUZZ_RUNS ?? 10_000));
if (wants('billing') || wants('analytics') || wants('sync') || wants('statement-import') || wants('statements')) {
  const analytics = async (core: Core) => {
    if (wants('analytics')) {
      await benchAnalytics(core);
      await benchIntelligence(core);
    }
    if (wants('statements') || wants('billing')) await benchStatements(core);
    if (wants('statement-import')) await benchStatement(core, Number(process.env.BENCH_STATEMENT_ROWS ?? 5_000));
    // The big book goes up to the Cloud and down to a new computer last: it joins an organisation.
    if (wants('sync')) await benchSync(core);
  };
  await benchBilling(Number(process.env.BENCH_INVOICES ?? 100_000), Number(process.env.BENCH_BILLING_CUSTOMERS ?? 2_000), analytics);
}
printTable();
