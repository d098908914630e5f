// Pages of a long list (customers, invoices), fetched lazily as rows scroll into view and kept
// until the query changes, over any paged channel.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { errorMessage } from './format';

export const PAGE_SIZE = 100;

export interface PageCacheSnapshot {
  /** Rows matching the query; null until the first page of the first query arrives. */
  total: number | null;
  /** True while the current query has not answered yet. */
  pending: boolean;
  error: string | null;
  /** Goes up whenever rows change, so readers re-render. */
  version: number;
}

export type FetchPage<Q, R> = (query: Q, offset: number, limit: number) => Promise<{ rows: R[]; total: number }>;

export class PageCache<Q, R> {
  private query: Q | null = null;
  private key = '';
  private generation = 0;
  private pages = new Map<number, R[]>();
  /** Rows of the previous answer, shown until fresh ones arrive so nothing flickers. */
  private stale = new Map<number, R[]>();
  private inflight = new Set<number>();
  /** Pages whose fetch failed: not asked again (scrolling re-renders often) until refresh() or a new query. */
  private failed = new Set<number>();
  private dropStaleOnAnswer = false;
  private listeners = new Set<() => void>();
  private snapshot: PageCacheSnapshot = { total: null, pending: true, error: null, version: 0 };

  constructor(private readonly fetchPage: FetchPage<Q, R>) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PageCacheSnapshot => this.snapshot;

  /** Switches to a new query; a query equal to the current one changes nothing. */
  setQuery(query: Q): boolean {
    const key = JSON.stringify(query);
    if (key === this.key) return false;
    this.key = key;
    this.query = query;
    this.dropStaleOnAnswer = true;
    this.restart();
    return true;
  }

  /**
   * Fetches the current query again (after a change in the data, or "Try again"), keeping the old
   * rows on screen meanwhile. During a new query's first load the old rows are another filter's:
   * they still go as soon as the answer comes.
   */
  refresh(): void {
    if (this.query === null) return;
    this.restart();
  }

  row(index: number): R | undefined {
    const page = Math.floor(index / PAGE_SIZE);
    const rows = this.pages.get(page) ?? this.stale.get(page);
    return rows?.[index % PAGE_SIZE];
  }

  /** Makes sure every page holding rows start..end (inclusive) is loaded or on its way. */
  ensure(start: number, end: number): void {
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor(Math.max(0, end) / PAGE_SIZE);
    for (let page = first; page <= last; page++) this.load(page);
  }

  private restart(): void {
    this.generation++;
    for (const [page, rows] of this.pages) this.stale.set(page, rows);
    this.pages = new Map();
    this.inflight.clear();
    this.failed.clear();
    this.update({ pending: true, error: null });
    this.load(0);
  }

  private load(page: number): void {
    const query = this.query;
    if (query === null || this.pages.has(page) || this.inflight.has(page) || this.failed.has(page)) return;
    const { total } = this.snapshot;
    if (page > 0 && total !== null && !this.snapshot.pending && page * PAGE_SIZE >= total) return;
    const generation = this.generation;
    this.inflight.add(page);
    this.fetchPage(query, page * PAGE_SIZE, PAGE_SIZE).then(
      (result) => {
        if (generation !== this.generation) return;
        this.inflight.delete(page);
        if (this.dropStaleOnAnswer) {
          // A different query: the old rows must not mix with the new answer.
          this.stale.clear();
          this.dropStaleOnAnswer = false;
        }
        this.pages.set(page, result.rows);
        // Another page that failed keeps its message up until it is retried.
        this.update({ total: result.total, pending: false, error: this.failed.size > 0 ? this.snapshot.error : null });
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.inflight.delete(page);
        this.failed.add(page);
        // A new query that failed must not leave the previous filter's rows looking like its answer.
        if (this.dropStaleOnAnswer) this.stale.clear();
        this.update({ pending: false, error: errorMessage(error) });
      },
    );
  }

  private update(patch: Partial<PageCacheSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch, version: this.snapshot.version + 1 };
    for (const l of this.listeners) l();
  }
}

/**
 * The first page of a list asked for at start-up, beside the start-up questions, when the window opens
 * on that list: its screen's first request takes the answer instead of asking after the first render.
 * Only that first request may take it, only within a moment of asking, and only if no change to the
 * list was announced in between (`watchChanges`): the screen subscribes to changes when it mounts,
 * so a change announced before that would otherwise never refresh the early answer.
 */
export function askedEarly<Q, R>(
  fetchPage: FetchPage<Q, R>,
  watchChanges: (changed: () => void) => () => void,
): { ask: (query: Q) => void; fetchPage: FetchPage<Q, R> } {
  let early: { key: string; at: number; answer: ReturnType<FetchPage<Q, R>> } | null = null;
  let stopWatching = () => {};
  const forget = () => {
    early = null;
    stopWatching();
    stopWatching = () => {};
  };
  return {
    ask(query) {
      forget();
      const answer = fetchPage(query, 0, PAGE_SIZE);
      // A failure is reported by the screen that takes it (it shows the error like any other).
      answer.catch(() => undefined);
      early = { key: JSON.stringify(query), at: performance.now(), answer };
      stopWatching = watchChanges(forget);
    },
    fetchPage(query, offset, limit) {
      const taken = early;
      forget();
      const fresh = taken !== null && performance.now() - taken.at < EARLY_KEPT_MS;
      if (fresh && offset === 0 && limit === PAGE_SIZE && taken.key === JSON.stringify(query)) return taken.answer;
      return fetchPage(query, offset, limit);
    },
  };
}

const EARLY_KEPT_MS = 3000;

/**
 * A list screen's page cache: made once, following the screen's query, and fetched again when the
 * data changes (`changed` counts change events).
 */
export function usePageCache<Q, R>(fetchPage: FetchPage<Q, R>, query: Q, changed: number) {
  const [cache] = useState(() => new PageCache<Q, R>(fetchPage));
  const snapshot = useCacheFollowing(cache, query, changed);
  return { cache, snapshot };
}

/** The same for a cache the screen made itself (to hand it a query straight from an event handler). */
export function useCacheFollowing<Q, R>(cache: PageCache<Q, R>, query: Q, changed: number): PageCacheSnapshot {
  const snapshot = useSyncExternalStore(cache.subscribe, cache.getSnapshot);
  useEffect(() => {
    cache.setQuery(query);
  }, [cache, query]);
  useEffect(() => {
    if (changed > 0) cache.refresh();
  }, [cache, changed]);
  return snapshot;
}
