// Books with known payment behaviour, written through the real channels: each customer pays a set
// number of days after the due date, give or take seeded noise. The fixed clock walks forward
// through the events, so every invoice is issued and every payment recorded on its own day.
import { seededRandom } from '../../electron/core/analytics/intelligence/stats';
import fs from 'node:fs';
import { createCore, type Core } from '../../electron/core/app';
import { addDays, fixedClock } from '../../electron/core/clock';
import { coreConfigSchema } from '../../electron/core/config';
import type { CurrencyCode } from '../../shared/money';
import { call, tempDir } from './core';

export interface Payer {
  name: string;
  /** Days after the due date this customer pays, before noise. */
  lateDays: number;
  /** Payments land uniformly within ± this many days of lateDays. */
  noiseDays: number;
  invoices: number;
  currency?: CurrencyCode;
  termsDays?: number;
  /** The usual invoice amount; each is within ±10% of it. */
  amountMinor?: number;
  /** From this invoice (0-based) on, pays `lateDays` of this instead. */
  change?: { from: number; lateDays: number };
  /** Invoice index → amount multiplier, for planted outliers. */
  outliers?: Record<number, number>;
  /** Without an email address, to check the contact channel. */
  noEmail?: boolean;
}

export interface SeededInvoice {
  id: string;
  number: string;
  issueDate: string;
  dueDate: string;
  totalMinor: number;
  /** The day it was paid in full, or null if it is still open. */
  paidOn: string | null;
}

export interface Book {
  core: Core;
  clock: ReturnType<typeof fixedClock>;
  today: string;
  customers: Record<string, { id: string; currency: CurrencyCode; invoices: SeededInvoice[] }>;
  close(): void;
}


const at = (date: string) => `${date}T12:00:00.000Z`;

/**
 * Seeds a book ending on `today`: each payer gets `invoices` invoices about every `everyDays`
 * days up to today, paid as their profile says unless that day is after today. Invoices that would
 * be issued in `quietMonth` (YYYY-MM) are not issued at all, to plant a month whose billing fell.
 */
export async function seedBook(options: { today: string; payers: Payer[]; seed?: number; everyDays?: number; quietMonth?: string; mainCurrency?: CurrencyCode }): Promise<Book> {
  const dir = tempDir();
  const clock = fixedClock(at(options.today));
  const config = coreConfigSchema.parse(options.mainCurrency ? { business: { name: 'Test books', defaultCurrency: options.mainCurrency, country: 'KE' } } : {});
  const core = createCore({ dataDir: dir, clock, config, log: () => undefined });
  const random = seededRandom(options.seed ?? 1);
  const every = options.everyDays ?? 28;
  const customers: Book['customers'] = {};

  type Event = { day: string; order: number; run: () => Promise<void> };
  const events: Event[] = [];
  for (const [index, payer] of options.payers.entries()) {
    const currency = payer.currency ?? 'KES';
    const created = await call(core, 'customers.create', {
      name: payer.name, email: payer.noEmail ? '' : `accounts${index}@example.co.ke`, phone: `0722 ${String(100000 + index * 7919).slice(0, 6)}`,
      paymentTermsDays: payer.termsDays ?? 30, currency,
    });
    const entry = { id: created.id, currency, invoices: [] as SeededInvoice[] };
    customers[payer.name] = entry;
    const usual = payer.amountMinor ?? 100_000;
    for (let i = 0; i < payer.invoices; i++) {
      const issueDate = addDays(options.today, -every * (payer.invoices - i) + Math.floor(random() * 5) + (index % 7));
      if (issueDate > options.today || issueDate.slice(0, 7) === options.quietMonth) continue;
      const amount = Math.round(usual * (0.9 + 0.2 * random()) * (payer.outliers?.[i] ?? 1));
      const late = payer.change && i >= payer.change.from ? payer.change.lateDays : payer.lateDays;
      const noise = Math.round((random() * 2 - 1) * payer.noiseDays);
      const dueDate = addDays(issueDate, payer.termsDays ?? 30);
      const wanted = addDays(dueDate, late + noise);
      const paidOn = wanted < issueDate ? issueDate : wanted;
      const invoice: SeededInvoice = { id: '', number: '', issueDate, dueDate, totalMinor: amount, paidOn: paidOn <= options.today ? paidOn : null };
      entry.invoices.push(invoice);
      events.push({
        day: issueDate, order: 0,
        run: async () => {
          const draft = await call(core, 'drafts.create', {
            draft: { customerId: entry.id, issueDate, lines: [{ description: 'Monthly service', quantityMilli: 1000, unitPriceMinor: amount, taxRateBp: null }] },
          });
          const final = await call(core, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
          invoice.id = final.id;
          invoice.number = final.number!;
          if (final.dueDate !== dueDate || final.totals.totalMinor !== amount) throw new Error(`Seeded ${final.number} differently than planned`);
        },
      });
      if (invoice.paidOn) {
        const on = invoice.paidOn;
        events.push({
          day: on, order: 1,
          run: async () => {
            await call(core, 'payments.record', { customerId: entry.id, amountMinor: amount, paidOn: on, method: 'cash', allocations: [{ invoiceId: invoice.id, amountMinor: amount }] });
          },
        });
      }
    }
  }
  // Walk the clock through the days: nothing is issued or paid in the future.
  events.sort((a, b) => a.day.localeCompare(b.day) || a.order - b.order);
  for (const event of events) {
    clock.set(at(event.day));
    await event.run();
  }
  clock.set(at(options.today));
  return {
    core, clock, today: options.today, customers,
    close: () => {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
