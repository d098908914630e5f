// `npm run bench`: seeds realistic books through the real channels and measures what a person waits for.
// Prints a table; timings are never test assertions.
//   BENCH_PART=customers|billing|all (default all), BENCH_CUSTOMERS (100,000),
//   BENCH_INVOICES (100,000), BENCH_BILLING_CUSTOMERS (2,000).
import os from 'node:os';
import { benchBilling } from './billing';
import { benchCustomers } from './customers';
import { printTable } from './measure';

const part = process.env.BENCH_PART ?? 'all';
console.log(`Billbook bench: ${os.cpus().length} cores, Node ${process.version}`);
if (part === 'all' || part === 'customers') await benchCustomers(Number(process.env.BENCH_CUSTOMERS ?? 100_000));
if (part === 'all' || part === 'billing') {
  await benchBilling(Number(process.env.BENCH_INVOICES ?? 100_000), Number(process.env.BENCH_BILLING_CUSTOMERS ?? 2_000));
}
printTable();
