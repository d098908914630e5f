import { describe, expect, it } from 'vitest';
import { collectionPlan, lateRates } from '../../../electron/core/analytics/intelligence/collection';
import { COLLECTION_TONES, type CollectionFacts } from '../../../shared/domain/intelligence';

const facts = (over: Partial<CollectionFacts> = {}): CollectionFacts => ({
  daysOverdue: 5, overdueMinor: 100_000, usualInvoiceMinor: 100_000, paidInvoices: 10, onTimeRate: 0.6,
  recentLateRate: 0.4, earlierLateRate: 0.4, expectedDaysToPay: 14, hasEmail: true, hasPhone: true, ...over,
});
const rank = (tone: string) => COLLECTION_TONES.indexOf(tone as (typeof COLLECTION_TONES)[number]);

describe('collection strategy', () => {
  it('gets firmer, and contacts more often, as the oldest invoice ages', () => {
    const plans = [3, 20, 45, 75, 100, 130].map((daysOverdue) => collectionPlan(facts({ daysOverdue })));
    expect(plans.map((p) => p.tone)).toEqual(['gentle', 'standard', 'standard', 'firm', 'firm', 'escalate']);
    for (let i = 1; i < plans.length; i++) {
      expect(rank(plans[i]!.tone)).toBeGreaterThanOrEqual(rank(plans[i - 1]!.tone));
      expect(plans[i]!.contactEveryDays).toBeLessThanOrEqual(plans[i - 1]!.contactEveryDays);
    }
    expect(plans.map((p) => p.channel)).toEqual(['email', 'email', 'email', 'sms', 'sms', 'phone']);
    expect(plans[5]!.reasons.join(' ')).toMatch(/Over 120 days overdue/);
  });

  it('is gentler on a good payer and firmer on broken promises, a large debt and no sign of payment', () => {
    const good = collectionPlan(facts({ daysOverdue: 20, onTimeRate: 0.9, expectedDaysToPay: 3 }));
    expect(good.tone).toBe('gentle');
    expect(good.reasons.join(' ')).toMatch(/Usually pays on time: 90% of 10 paid invoices \(−1\)/);
    const bad = collectionPlan(facts({
      daysOverdue: 20, onTimeRate: 0.2, recentLateRate: 1, earlierLateRate: 0.2, overdueMinor: 500_000, expectedDaysToPay: null,
    }));
    expect(bad.score).toBe(1 + 1 + 1 + 1 + 1);
    expect(bad.tone).toBe('escalate');
    expect(bad.worsening).toBe(true);
    expect(bad.reasons.join(' | ')).toMatch(/Late more often recently: 100% of recent invoices against 20% before \(\+1\)/);
    expect(bad.reasons.join(' | ')).toMatch(/Owes 5× their usual invoice/);
  });

  it('uses a channel the customer can be reached on', () => {
    expect(collectionPlan(facts({ hasEmail: false })).channel).toBe('sms');
    expect(collectionPlan(facts({ daysOverdue: 130, hasPhone: false })).channel).toBe('email');
    expect(collectionPlan(facts({ hasEmail: false, hasPhone: false })).reasons.join(' ')).toMatch(/No email or phone on file/);
  });

  it('compares the late share of the last five invoices with the ones before', () => {
    expect(lateRates([false, false, false, false, false, true, true, true, true, false])).toEqual({ recentLateRate: 0.8, earlierLateRate: 0 });
    expect(lateRates([true, true, true])).toEqual({ recentLateRate: null, earlierLateRate: null });
  });
});
