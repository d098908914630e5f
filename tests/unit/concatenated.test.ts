import { describe, expect, it } from 'vitest';
import { dayNumber, dateOf } from '../../electron/core/analytics/intelligence/stats';
import { overdueLatestFirst, paidLatestFirst } from '../../electron/core/analytics/intelligence/repo';
import { dayAt, daysFromDates } from '../../electron/core/db/concatenated';

describe('dates SQLite joined, as day numbers', () => {
  it('gives every day from 1900 to 2200 the day number the models count in (leap days and century years included)', () => {
    const wrong: string[] = [];
    for (let day = dayNumber('1900-01-01'); day <= dayNumber('2200-12-31'); day++) {
      const date = dateOf(day);
      if (dayAt(`x${date}`, 1) !== day) wrong.push(date);
    }
    expect(wrong).toEqual([]);
  });

  it('reads dates joined with no separator, in order', () => {
    expect([...daysFromDates('2024-02-292000-03-011970-01-011969-12-31')]).toEqual([19_782, 11_017, 0, -1]);
    expect([...daysFromDates('')]).toEqual([]);
  });
});

describe('delay events from dates joined in whatever order SQLite took them', () => {
  it('puts paid events latest due first, then latest paid, and overdue ones latest due first', () => {
    // Due and paid dates of four paid invoices, two due the same day, joined out of order.
    const paid = ['2026-03-01', '2026-03-20', '2026-05-01', '2026-05-03', '2026-03-01', '2026-04-15', '2026-01-10', '2026-01-09'].join('');
    const day = (date: string) => daysFromDates(date)[0]!;
    expect([...paidLatestFirst(paid)]).toEqual([
      day('2026-05-01'), 2, day('2026-03-01'), 45, day('2026-03-01'), 19, day('2026-01-10'), -1,
    ]);
    expect([...overdueLatestFirst(['2026-02-01', '2026-06-30', '2026-02-01', '2026-04-15'].join(''))])
      .toEqual([day('2026-06-30'), day('2026-04-15'), day('2026-02-01'), day('2026-02-01')]);
  });
});
