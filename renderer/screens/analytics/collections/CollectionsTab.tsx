// Collections: who to call first. Every customer with money overdue, firmest strategy first.
import { useId, useState } from 'react';
import { invoke } from '../../../api';
import { COLLECTION_TONES, COLLECTION_TONE_LABELS, type CollectionTone } from '../../../../shared/domain/intelligence';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { formatCount } from '../../../lib/format';
import { useRemote } from '../../../lib/useRemote';
import { Paging } from '../Paging';
import { useBooksChanged } from '../useBooksChanged';
import { CollectionTable } from './CollectionTable';

const PAGE = 50;

export function CollectionsTab() {
  const id = useId();
  const [tone, setTone] = useState<CollectionTone | null>(null);
  const [offset, setOffset] = useState(0);
  const changed = useBooksChanged();
  const query = { ...(tone ? { tone } : {}), offset, limit: PAGE };
  const remote = useRemote(() => invoke('intelligence.collection', query), `${JSON.stringify(query)}|${changed}`);
  // The counts on the filter buttons stay those of everyone overdue, whichever strategy is chosen.
  const counts = useRemote(() => invoke('intelligence.collection', { offset: 0, limit: 1 }), changed);
  const page = remote.state === 'ready' ? remote.value : null;
  const byTone = counts.state === 'ready' ? counts.value.byTone : null;
  const count = (n: number | undefined) => (n === undefined ? '' : ` (${formatCount(n)})`);

  const choose = (next: CollectionTone | null) => {
    setTone(next);
    setOffset(0);
  };

  return (
    <div className="collections-tab">
      <p className="tab-intro">
        Every customer with money overdue, with how firmly to ask, how often to get in touch and how — worked out from how late they
        are, how much they owe against their usual invoice, and how they have paid before. Firmest first.
      </p>
      <section className="analytics-section" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>Overdue customers</h2>
        <div className="filter-bar">
          <div className="tone-filter" role="group" aria-label="Strategy">
            <button type="button" className="btn btn-small" aria-pressed={tone === null} onClick={() => choose(null)}>
              All{count(counts.state === 'ready' ? counts.value.total : undefined)}
            </button>
            {COLLECTION_TONES.map((t) => (
              <button key={t} type="button" className="btn btn-small" aria-pressed={tone === t} onClick={() => choose(t)}>
                {COLLECTION_TONE_LABELS[t]}
                {count(byTone?.[t])}
              </button>
            ))}
          </div>
        </div>
        {remote.state === 'loading' && <Loading label="Working out collection strategies…" />}
        {remote.state === 'failed' && (
          <ErrorNotice title="Collection strategies could not be loaded" message={remote.message}>
            <button type="button" className="btn" onClick={remote.reload}>Try again</button>
          </ErrorNotice>
        )}
        {page && page.total === 0 && (
          <p className="chart-empty">
            {tone
              ? `No overdue customer calls for “${COLLECTION_TONE_LABELS[tone]}” right now.`
              : 'Nobody owes you overdue money. Customers appear here, firmest first, as soon as an invoice passes its due date unpaid.'}
          </p>
        )}
        {page && page.rows.length > 0 && <CollectionTable rows={page.rows} />}
        {page && <Paging label="Pages of overdue customers" offset={offset} shown={page.rows.length} total={page.total} pageSize={PAGE} onOffset={setOffset} />}
      </section>
    </div>
  );
}
