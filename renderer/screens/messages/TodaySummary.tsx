// Today's numbers, as the tray shows them: what went, what failed, what is waiting.
import { invoke } from '../../api';
import type { ActivitySummary } from '../../../shared/domain/sending';
import { formatCount, formatDate } from '../../lib/format';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';

const CARDS: { key: keyof Omit<ActivitySummary, 'date'>; label: string; hint: string }[] = [
  { key: 'sent', label: 'Sent', hint: 'emails and SMS' },
  { key: 'failed', label: 'Need attention', hint: 'failed, or stuck with an error' },
  { key: 'remindersSent', label: 'Reminders sent', hint: 'to late payers' },
  { key: 'fellOverdue', label: 'Fell overdue', hint: 'invoices due yesterday' },
  { key: 'aiDraftsReady', label: 'AI drafts ready', hint: 'to review' },
  { key: 'scheduled', label: 'Scheduled', hint: 'waiting to go' },
];

export function TodaySummary() {
  const activity = useEventCount('activity');
  const sending = useEventCount('sending.changed');
  const arrived = useEventCount('sync.applied');
  const summary = useRemote(() => invoke('activity.summary', {}), `${activity}|${sending}|${arrived}`);
  const value = summary.state === 'ready' ? summary.value : null;
  return (
    <section className="today" aria-labelledby="today-heading">
      <h2 id="today-heading">Today{value ? <span className="muted today-date">, {formatDate(value.date)}</span> : null}</h2>
      <dl className="stats stats-6 today-stats">
        {CARDS.map((c) => {
          const n = value ? value[c.key] : null;
          const alarm = c.key === 'failed' && n !== null && n > 0;
          return (
            <div key={c.key} className={`stat${alarm ? ' stat-alarm' : ''}`} role="group" aria-labelledby={`today-${c.key}`}>
              <dt id={`today-${c.key}`} className="stat-label">{c.label}</dt>
              <dd className="stat-value">{n === null ? '…' : formatCount(n)}</dd>
              <dd className="stat-hint">{c.hint}</dd>
            </div>
          );
        })}
        {summary.state === 'failed' && <p className="stat-error">Today’s numbers could not be loaded: {summary.message}</p>}
      </dl>
    </section>
  );
}
