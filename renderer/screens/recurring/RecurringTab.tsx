// A customer's recurring schedules: each with its cadence, what it does, the next six dates and
// first line as they will read, the invoices it made (those made after their day wait for review),
// and pause / resume / skip the next / end.
import { useState } from 'react';
import { invoke } from '../../api';
import type { Customer } from '../../../shared/domain/customer';
import { RECURRING_CADENCE_LABELS, type RecurringSchedule } from '../../../shared/domain/recurring';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, formatDate, money } from '../../lib/format';
import { paths } from '../../lib/router';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import './recurring.css';

const STATE_LABELS = { active: 'Running', paused: 'Paused', ended: 'Ended' } as const;

function ScheduleCard({ schedule: s, onChanged }: { schedule: RecurringSchedule; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const act = async (channel: 'recurring.pause' | 'recurring.resume' | 'recurring.skip' | 'recurring.end', done: string) => {
    setBusy(true);
    try {
      await invoke(channel, { id: s.id });
      toast.success(done);
      onChanged();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const review = s.runs.filter((r) => r.held && r.invoice?.status === 'draft');
  const titleId = `schedule-${s.id}`;
  const when = s.cadence === 'weekly' ? 'every week' : s.cadence === 'monthly' ? `monthly on day ${s.dayOfMonth}` : `${RECURRING_CADENCE_LABELS[s.cadence].toLowerCase()} on day ${s.dayOfMonth}`;
  return (
    <section className="schedule-card" aria-labelledby={titleId}>
      <div className="schedule-head">
        <h3 id={titleId}>{s.name}</h3>
        <span className={`badge badge-schedule-${s.state}`}>{STATE_LABELS[s.state]}</span>
        <span className="muted">
          {money(s.totalMinor, s.currency)} {when} from {formatDate(s.startDate)}
          {s.endDate ? ` to ${formatDate(s.endDate)}` : ''}{s.maxCount ? `, ${s.maxCount} times` : ''} · {s.action === 'send' ? 'finalized and sent' : 'drafts to review'}
        </span>
      </div>
      {review.length > 0 && (
        <div className="notice notice-warning" role="status">
          <p className="notice-title">{review.length === 1 ? '1 invoice waits' : `${review.length} invoices wait`} for review</p>
          <p>Made for periods that passed while Billbook was closed. Nothing was sent; check each, then finalize or discard it.</p>
          <ul>{review.map((r) => <li key={r.periodKey}><a href={paths.draftEdit(r.invoice!.id)}>Draft for {formatDate(r.periodOn)}</a></li>)}</ul>
        </div>
      )}
      {s.preview.length > 0 && (
        <table className="data-table schedule-next" aria-label={`Next invoices of ${s.name}`}>
          <thead><tr><th scope="col">Date</th><th scope="col">First line</th></tr></thead>
          <tbody>{s.preview.map((p) => <tr key={p.key}><td className="nowrap">{formatDate(p.on)}</td><td>{p.firstLine}</td></tr>)}</tbody>
        </table>
      )}
      {s.runs.length > 0 && (
        <p className="muted schedule-made">
          Made so far: {s.runs.filter((r) => r.outcome === 'issued').length}
          {s.runs.some((r) => r.outcome === 'skipped') && `, skipped ${s.runs.filter((r) => r.outcome === 'skipped').length}`}
        </p>
      )}
      <div className="schedule-actions">
        {s.state === 'active' && <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act('recurring.pause', `“${s.name}” paused`)}>Pause</button>}
        {s.state === 'paused' && <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act('recurring.resume', `“${s.name}” resumed`)}>Resume</button>}
        {s.state !== 'ended' && <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act('recurring.skip', `Skipped ${formatDate(s.preview[0]?.on ?? '')}`)}>Skip next</button>}
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act('recurring.end', `“${s.name}” ended`)}>End schedule</button>
      </div>
    </section>
  );
}

export function RecurringTab({ customer, refreshToken }: { customer: Customer; refreshToken: number }) {
  const [asked, setAsked] = useState(0);
  const list = useRemote(() => invoke('recurring.list', { customerId: customer.id }), `${customer.id}|${refreshToken}|${asked}`);
  if (list.state === 'loading') return <Loading label="Loading schedules…" />;
  if (list.state === 'failed') return <ErrorNotice title="Schedules could not be loaded" message={list.message} />;
  if (list.value.length === 0) {
    return <p className="muted">No recurring invoices for {customer.name}. On the Invoices tab, “Make this a schedule” turns a suggestion into one; so does an invoice’s page.</p>;
  }
  return <div className="schedules">{list.value.map((s) => <ScheduleCard key={s.id} schedule={s} onChanged={() => setAsked((n) => n + 1)} />)}</div>;
}
