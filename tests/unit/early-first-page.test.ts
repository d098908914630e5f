import { describe, expect, it } from 'vitest';
import { askedEarly, PAGE_SIZE } from '../../renderer/lib/pageCache';

/** A list's backend: each request answers with the books' state when it was asked. */
function books() {
  let state = 'before';
  const asked: string[] = [];
  const listeners = new Set<() => void>();
  return {
    fetchPage: (query: { q: string }, offset: number, limit: number) => {
      asked.push(`${query.q}@${offset}+${limit}`);
      return Promise.resolve({ rows: [`${query.q} as ${state}`], total: 1 });
    },
    watch: (changed: () => void) => {
      listeners.add(changed);
      return () => listeners.delete(changed);
    },
    change: () => {
      state = 'after';
      for (const l of [...listeners]) l();
    },
    asked,
    listeners,
  };
}

describe("a list's first page asked for at start-up", () => {
  it('is taken once by the screen\'s first request for the same query, without asking again', async () => {
    const b = books();
    const early = askedEarly(b.fetchPage, b.watch);
    early.ask({ q: 'all' });
    expect(await early.fetchPage({ q: 'all' }, 0, PAGE_SIZE)).toEqual({ rows: ['all as before'], total: 1 });
    expect(b.asked).toEqual([`all@0+${PAGE_SIZE}`]);
    // Only once: a later request asks the backend.
    await early.fetchPage({ q: 'all' }, 0, PAGE_SIZE);
    expect(b.asked).toHaveLength(2);
    expect(b.listeners.size).toBe(0);
  });

  it('is not shown when the list changed before the screen took it: the screen asks again and sees the change', async () => {
    const b = books();
    const early = askedEarly(b.fetchPage, b.watch);
    early.ask({ q: 'all' });
    b.change(); // a sync pull at start-up, before the screen subscribed to changes
    expect(await early.fetchPage({ q: 'all' }, 0, PAGE_SIZE)).toEqual({ rows: ['all as after'], total: 1 });
    expect(b.listeners.size).toBe(0);
  });

  it('is not taken by a request for another filter or another page', async () => {
    const b = books();
    const early = askedEarly(b.fetchPage, b.watch);
    early.ask({ q: 'all' });
    expect(await early.fetchPage({ q: 'unpaid' }, 0, PAGE_SIZE)).toEqual({ rows: ['unpaid as before'], total: 1 });
    early.ask({ q: 'all' });
    await early.fetchPage({ q: 'all' }, PAGE_SIZE, PAGE_SIZE);
    expect(b.asked).toEqual([`all@0+${PAGE_SIZE}`, `unpaid@0+${PAGE_SIZE}`, `all@0+${PAGE_SIZE}`, `all@${PAGE_SIZE}+${PAGE_SIZE}`]);
  });
});
