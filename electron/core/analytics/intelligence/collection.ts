// How firmly to chase a customer's overdue money: a points rule a person can check line by line.
// Pure, so the reminders feature can ask it for a tone with the same facts.
import type { CollectionFacts, CollectionPlan, CollectionTone, ContactChannel } from '../../../../shared/domain/intelligence';
import { percent, plural, round } from './stats';

/** Points for how long the oldest invoice has been overdue: the rule's backbone. */
export const OVERDUE_POINTS: readonly { from: number; points: number }[] = [
  { from: 91, points: 4 },
  { from: 61, points: 3 },
  { from: 31, points: 2 },
  { from: 8, points: 1 },
  { from: 1, points: 0 },
];
/** Past this many days overdue a customer is escalated whatever else is true. */
export const ALWAYS_ESCALATE_DAYS = 120;
/** Late on this much larger a share of their recent invoices than before counts as broken promises. */
export const WORSENING_RISE = 0.3;
/** Owing this many times their usual invoice adds a point. */
export const LARGE_MULTIPLE = 3;

const CONTACT_EVERY: Record<CollectionTone, number> = { gentle: 14, standard: 7, firm: 3, escalate: 2 };
const PREFERRED: Record<CollectionTone, ContactChannel> = { gentle: 'email', standard: 'email', firm: 'sms', escalate: 'phone' };

function toneOf(score: number): CollectionTone {
  return score <= 0 ? 'gentle' : score <= 2 ? 'standard' : score <= 4 ? 'firm' : 'escalate';
}

/** Whether the recent late share rose enough over the earlier one to count as broken promises. */
export function isWorsening(facts: Pick<CollectionFacts, 'recentLateRate' | 'earlierLateRate'>): boolean {
  return facts.recentLateRate !== null && facts.earlierLateRate !== null && facts.recentLateRate - facts.earlierLateRate >= WORSENING_RISE;
}

/** The tone, contact frequency and channel for one customer's overdue money, with the reason for each point. */
export function collectionPlan(facts: CollectionFacts): CollectionPlan {
  const reasons: string[] = [];
  let score = 0;
  const days = Math.max(0, facts.daysOverdue);
  const band = OVERDUE_POINTS.find((b) => days >= b.from);
  const dayPoints = band?.points ?? 0;
  score += dayPoints;
  reasons.push(`Oldest invoice ${plural(days, 'day')} overdue (${dayPoints > 0 ? '+' : ''}${dayPoints})`);

  if (facts.onTimeRate !== null && facts.paidInvoices >= 3) {
    if (facts.onTimeRate >= 0.8) {
      score -= 1;
      reasons.push(`Usually pays on time: ${percent(facts.onTimeRate)} of ${plural(facts.paidInvoices, 'paid invoice')} (−1)`);
    } else if (facts.onTimeRate < 0.4) {
      score += 1;
      reasons.push(`Rarely pays on time: ${percent(facts.onTimeRate)} of ${plural(facts.paidInvoices, 'paid invoice')} (+1)`);
    }
  } else {
    reasons.push('Little payment history to judge by (0)');
  }

  const worsening = isWorsening(facts);
  if (worsening) {
    score += 1;
    reasons.push(`Late more often recently: ${percent(facts.recentLateRate!)} of recent invoices against ${percent(facts.earlierLateRate!)} before (+1)`);
  }

  if (facts.usualInvoiceMinor !== null && facts.usualInvoiceMinor > 0 && facts.overdueMinor >= LARGE_MULTIPLE * facts.usualInvoiceMinor) {
    score += 1;
    reasons.push(`Owes ${round(facts.overdueMinor / facts.usualInvoiceMinor, 1)}× their usual invoice (+1)`);
  }

  if (facts.expectedDaysToPay === null) {
    score += 1;
    reasons.push('Already later than any payment in the books: no sign of when it will come (+1)');
  } else if (facts.expectedDaysToPay <= 7) {
    score -= 1;
    reasons.push(`Expected to pay within ${plural(Math.max(0, Math.round(facts.expectedDaysToPay)), 'day')} (−1)`);
  }

  let tone = toneOf(score);
  if (days > ALWAYS_ESCALATE_DAYS && tone !== 'escalate') {
    tone = 'escalate';
    reasons.push(`Over ${ALWAYS_ESCALATE_DAYS} days overdue: escalate whatever the rest says`);
  }

  let channel = PREFERRED[tone];
  if (channel === 'email' && !facts.hasEmail && facts.hasPhone) {
    channel = 'sms';
    reasons.push('No email address: by SMS');
  } else if (channel !== 'email' && !facts.hasPhone && facts.hasEmail) {
    channel = 'email';
    reasons.push('No phone number: by email');
  } else if (!facts.hasEmail && !facts.hasPhone) {
    reasons.push('No email or phone on file: add one to reach them');
  }
  return { tone, contactEveryDays: CONTACT_EVERY[tone], channel, score, worsening, reasons };
}

/** Minimum invoices in each group before late shares are compared. */
export const LATE_RATE_GROUP = 4;

/**
 * Late shares over the most recent `recent` invoices and the ones before them (oldest first in),
 * null for a group with fewer than LATE_RATE_GROUP.
 */
export function lateRates(lateFlags: readonly boolean[], recent = 5): { recentLateRate: number | null; earlierLateRate: number | null } {
  const split = Math.max(0, lateFlags.length - recent);
  const later = lateFlags.slice(split);
  const earlier = lateFlags.slice(0, split);
  const share = (list: readonly boolean[]) => (list.length >= LATE_RATE_GROUP ? list.filter(Boolean).length / list.length : null);
  return { recentLateRate: share(later), earlierLateRate: share(earlier) };
}

/**
 * lateRates of the late-or-not of the latest `window` of `daysLate` (oldest first; late when
 * above 0), counted in place: collection asks it of every overdue customer.
 */
export function lateRatesOfDays(daysLate: readonly number[], window: number, recent = 5): { recentLateRate: number | null; earlierLateRate: number | null } {
  const from = Math.max(0, daysLate.length - window);
  const split = Math.max(from, daysLate.length - recent);
  let earlierLate = 0;
  let recentLate = 0;
  for (let i = from; i < split; i++) if (daysLate[i]! > 0) earlierLate++;
  for (let i = split; i < daysLate.length; i++) if (daysLate[i]! > 0) recentLate++;
  const share = (late: number, count: number) => (count >= LATE_RATE_GROUP ? late / count : null);
  return { recentLateRate: share(recentLate, daysLate.length - split), earlierLateRate: share(earlierLate, split - from) };
}
