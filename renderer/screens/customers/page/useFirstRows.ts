// A customer tab's list: the first rows of a paged channel, a hundred more on request, fetched
// again when the customer's books change.
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../lib/format';

export const PAGE = 100;
const MAX_LIMIT = 500;

type FetchPage<R> = (offset: number, limit: number) => Promise<{ rows: R[]; total: number }>;

/** The first `count` rows, in as few requests as the contract's page limit allows. */
async function loadFirst<R>(fetchPage: FetchPage<R>, count: number): Promise<{ rows: R[]; total: number }> {
  const offsets: number[] = [];
  for (let offset = 0; offset < count; offset += MAX_LIMIT) offsets.push(offset);
  const pages = await Promise.all(offsets.map((offset) => fetchPage(offset, Math.min(MAX_LIMIT, count - offset))));
  return { rows: pages.flatMap((p) => p.rows), total: pages[0]?.total ?? 0 };
}

/** `key` names what is listed (the customer); `refreshToken` moves when their books change. */
export function useFirstRows<R>(fetchPage: FetchPage<R>, key: string, refreshToken: number) {
  const [rows, setRows] = useState<R[] | null>(null);
  const [total, setTotal] = useState(0);
  const [shown, setShown] = useState(PAGE);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    loadFirst(fetchPage, shown).then(
      (page) => {
        if (!live) return;
        setRows(page.rows);
        setTotal(page.total);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
    // fetchPage is rebuilt each render; `key` stands for what it fetches.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, refreshToken, shown]);

  return { rows, total, error, showMore: () => setShown((n) => n + PAGE) };
}
