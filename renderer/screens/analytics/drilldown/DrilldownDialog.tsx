// The invoices behind a figure: whatever bar, slice, KPI or row was opened, listed from analytics.drilldown.
import { useState } from 'react';
import { invoke } from '../../../api';
import type { DrilldownPage, DrilldownTarget } from '../../../../shared/domain/analytics';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { formatCount, money, plural } from '../../../lib/format';
import { useRemote } from '../../../lib/useRemote';
import { DrilldownTable } from './DrilldownTable';

const DRILL_PAGE = 25;

export interface DrillRequest {
  target: DrilldownTarget;
  /** What was opened, finishing "Invoices behind …": "31–60 days past due on 21 Nov 2026 (KES)". */
  label: string;
}

function Summary({ page }: { page: DrilldownPage }) {
  const currency = page.rows[0]?.currency;
  return (
    <p className="drill-summary">
      <span>{page.title}</span>
      {currency && (
        <span className="muted">
          {' · '}{plural(page.total, 'invoice')}, {money(page.sumMinor, currency)} in all
        </span>
      )}
    </p>
  );
}

export function DrilldownDialog({ request, onClose }: { request: DrillRequest; onClose: () => void }) {
  const [offset, setOffset] = useState(0);
  const remote = useRemote(
    () => invoke('analytics.drilldown', { target: request.target, offset, limit: DRILL_PAGE }),
    `${JSON.stringify(request.target)}|${offset}`,
  );
  const page = remote.state === 'ready' ? remote.value : null;
  const last = page ? Math.min(page.total, offset + page.rows.length) : 0;

  return (
    <Dialog
      title={`Invoices behind ${request.label}`}
      onClose={onClose}
      actions={<button type="button" className="btn" onClick={onClose}>Close</button>}
    >
      <div className="drilldown">
        {remote.state === 'loading' && <Loading label="Loading invoices…" />}
        {remote.state === 'failed' && (
          <ErrorNotice title="The invoices could not be loaded" message={remote.message}>
            <button type="button" className="btn" onClick={remote.reload}>Try again</button>
          </ErrorNotice>
        )}
        {page && (
          <>
            <Summary page={page} />
            {page.unappliedMinor !== 0 && page.rows[0] && (
              <p className="muted">
                Also {money(page.unappliedMinor, page.rows[0].currency)} received but not applied to any invoice (kept as the customers’ credit).
              </p>
            )}
            {page.total === 0 ? (
              <p className="muted">No invoices are behind this figure.</p>
            ) : (
              <DrilldownTable page={page} kind={request.target.kind} />
            )}
            {page.total > DRILL_PAGE && (
              <nav className="drill-paging" aria-label="Pages of invoices">
                <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - DRILL_PAGE))}>
                  Previous
                </button>
                <span aria-live="polite">
                  {formatCount(offset + 1)}–{formatCount(last)} of {formatCount(page.total)}
                </span>
                <button type="button" className="btn btn-small" disabled={last >= page.total} onClick={() => setOffset(offset + DRILL_PAGE)}>
                  Next
                </button>
              </nav>
            )}
          </>
        )}
      </div>
    </Dialog>
  );
}
