// Statements on the billing bench's book: a 12-month statement for the busiest customer (computed,
// and as a PDF), and "Send statements" to every customer with a balance (queued, not delivered).
import { performance } from 'node:perf_hooks';
import type { Core } from '../../electron/core/app';
import { latency, record, section } from './measure';

export async function benchStatements(core: Core): Promise<void> {
  section('Statements');
  const call = async (channel: 'statements.get' | 'statements.pdf' | 'statements.sendAll' | 'settings.update', input: unknown) => {
    const envelope = await (core.api[channel] as (i: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>)(input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
    return envelope.value;
  };
  const busiest = core.context.sql
    .prepare('SELECT customer_id AS id, count(*) AS n FROM invoices GROUP BY customer_id ORDER BY n DESC LIMIT 1')
    .get() as { id: string; n: number };
  const period = { customerId: busiest.id, from: '2025-11-22', to: '2026-11-21' };
  const statement = (await call('statements.get', period)) as { lines: unknown[] };
  record(`12-month statement, busiest customer (${busiest.n} invoices ever, ${statement.lines.length} lines in the year): compute`, await latency(() => call('statements.get', period), 50));
  record('12-month statement: PDF', await latency(() => call('statements.pdf', period), 5));
  // An SMTP server that is never reached: what is measured is the queueing, not delivery.
  await call('settings.update', {
    email: { host: '127.0.0.1', port: 9, security: 'none', user: '', fromName: 'Bench', fromAddress: 'bench@example.co.ke', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 5 },
  });
  core.context.jobs.stop();
  const started = performance.now();
  const result = (await call('statements.sendAll', { from: '2026-11-01', to: '2026-11-21' })) as { customers: number; queued: number };
  record(`Send statements (${result.customers.toLocaleString('en')} customers with a balance, ${result.queued.toLocaleString('en')} queued)`, `${((performance.now() - started) / 1000).toFixed(2)} s`);
}
