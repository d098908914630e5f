import { useEffect, useState } from 'react';
import { invoke } from '../../../api';
import type { ActivityEntry } from '../../../../shared/contract';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { errorMessage, formatDateTime } from '../../../lib/format';

export function ActivityTab({ id, refreshToken }: { id: string; refreshToken: number }) {
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    invoke('customers.activity', { id, limit: 100 }).then(
      (list) => {
        if (!live) return;
        setEntries(list);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [id, refreshToken]);

  if (error) return <ErrorNotice title="Activity could not be loaded" message={error} />;
  if (!entries) return <Loading label="Loading activity…" />;
  if (entries.length === 0) return <p className="muted">No activity recorded yet.</p>;
  return (
    <ol className="activity">
      {entries.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{formatDateTime(e.at)}</time>
          <span>{e.summary}</span>
        </li>
      ))}
    </ol>
  );
}
