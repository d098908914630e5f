import { describe, expect, it } from 'vitest';
import { dayNumber, dateOf } from '../../electron/core/analytics/intelligence/stats';
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
