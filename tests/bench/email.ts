// Email throughput through the queue to a local SMTP server (smtp-server): invoices sent without
// and with the PDF attached, one SMTP connection per message as the app sends them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { createCore, type Core } from '../../electron/core/app';
import { startSmtpSink } from '../helpers/smtp';
import { call, record, section } from './measure';

async function sendAll(core: Core, invoiceIds: string[], attachPdf: boolean, received: () => number): Promise<{ seconds: number; failed: number }> {
  const before = received();
  const start = performance.now();
  for (const invoiceId of invoiceIds) {
    await call(core, 'sending.send', { invoiceId, requestId: randomUUID(), channels: ['email'], emails: ['accounts@example.co.ke'], attachPdf });
  }
  for (;;) {
    const { counts } = await call(core, 'jobs.list', { kind: 'send.email', limit: 1 });
    if (counts.queued + counts.running + counts.offline === 0) return { seconds: (performance.now() - start) / 1000, failed: invoiceIds.length - (received() - before) };
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function benchEmail(): Promise<void> {
  const plain = Number(process.env.BENCH_EMAILS ?? 500);
  const withPdf = Number(process.env.BENCH_EMAILS_PDF ?? 200);
  section(`Email to a local SMTP server: ${plain} invoices without PDF, ${withPdf} with the PDF attached`);
  const sink = await startSmtpSink();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-email-'));
  const core = createCore({ dataDir, log: () => undefined, smtp: { host: '127.0.0.1', port: sink.port }, reminderScanMs: 0 });
  try {
    await call(core, 'settings.update', {
      email: { host: '127.0.0.1', port: 25, security: 'none', user: '', fromName: 'Bench', fromAddress: 'billing@example.co.ke', replyTo: '', messagesPerMinute: 10_000, timeoutSeconds: 30 },
      payment: { mpesa: { kind: 'paybill', number: '522533' }, bank: { bankName: '', accountName: '', accountNumber: '', branch: '', swift: '' }, note: '' },
    });
    const buyer = await call(core, 'customers.create', { name: 'Bench Traders', email: 'accounts@example.co.ke', paymentTermsDays: 30 });
    const ids: string[] = [];
    for (let i = 0; i < plain + withPdf; i++) {
      const draft = await call(core, 'drafts.create', {
        draft: { customerId: buyer.id, issueDate: '2026-11-01', lines: Array.from({ length: 5 }, (_, n) => ({ description: `Service ${n + 1}`, quantityMilli: 1000, unit: '', unitPriceMinor: 150_000 + n * 1000, taxRateBp: 1600 })) },
      });
      ids.push((await call(core, 'invoices.finalize', { id: draft.id, version: draft.draft.version })).id);
    }
    const a = await sendAll(core, ids.slice(0, plain), false, () => sink.received.length);
    record('Email without PDF: throughput', `${(plain / a.seconds).toFixed(1)} messages/s (${plain} in ${a.seconds.toFixed(1)} s, ${a.failed} not received)`);
    const b = await sendAll(core, ids.slice(plain), true, () => sink.received.length);
    record('Email with 5-line PDF: throughput', `${(withPdf / b.seconds).toFixed(1)} messages/s (${withPdf} in ${b.seconds.toFixed(1)} s, ${b.failed} not received)`);
  } finally {
    core.close();
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
