import { describe, expect, it } from 'vitest';
import { nthPeriod, periodsAfter, periodsUntil, type PeriodRule } from '../../shared/domain/recurring';

const rule = (r: Partial<PeriodRule> & Pick<PeriodRule, 'cadence' | 'startDate'>): PeriodRule => ({ dayOfMonth: null, endDate: null, maxCount: null, ...r });

describe('recurring periods', () => {
  it('bills monthly on the 31st on the last day of shorter months, keyed by month', () => {
    const r = rule({ cadence: 'monthly', startDate: '2027-01-31', dayOfMonth: 31 });
    expect(periodsUntil(r, '2027-05-01').map((p) => [p.key, p.on])).toEqual([
      ['2027-01', '2027-01-31'], ['2027-02', '2027-02-28'], ['2027-03', '2027-03-31'], ['2027-04', '2027-04-30'],
    ]);
    expect(nthPeriod(rule({ cadence: 'monthly', startDate: '2028-01-31', dayOfMonth: 31 }), 2).on).toBe('2028-02-29');
  });

  it('starts in the next month when the day has passed in the start month', () => {
    const r = rule({ cadence: 'monthly', startDate: '2026-11-20', dayOfMonth: 5 });
    expect(periodsAfter(r, '2026-11-01', 2).map((p) => p.on)).toEqual(['2026-12-05', '2027-01-05']);
  });

  it('counts quarters and years from the start, weeks by seven days', () => {
    expect(periodsAfter(rule({ cadence: 'quarterly', startDate: '2026-11-01' }), '2026-01-01', 3).map((p) => p.key)).toEqual(['2026-11', '2027-02', '2027-05']);
    expect(periodsAfter(rule({ cadence: 'yearly', startDate: '2026-03-15' }), '2026-01-01', 2).map((p) => [p.key, p.on])).toEqual([['2026', '2026-03-15'], ['2027', '2027-03-15']]);
    expect(periodsAfter(rule({ cadence: 'weekly', startDate: '2026-12-28' }), '2026-01-01', 2).map((p) => [p.key, p.on])).toEqual([['2026-12-28', '2026-12-28'], ['2027-01-04', '2027-01-04']]);
  });

  it('stops at the end date or the count', () => {
    expect(periodsUntil(rule({ cadence: 'monthly', startDate: '2026-01-10', endDate: '2026-03-09' }), '2027-01-01').map((p) => p.key)).toEqual(['2026-01', '2026-02']);
    expect(periodsAfter(rule({ cadence: 'monthly', startDate: '2026-01-10', maxCount: 3 }), '2026-01-01', 6)).toHaveLength(3);
  });
});
