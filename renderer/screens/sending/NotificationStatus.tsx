// Where a message is, in words: a badge, and under it what a person needs to know about that state
// (when a scheduled one goes, why a failed one failed, how often it was retried).
import { NOTIFICATION_STATUS_LABELS, type NotificationView } from '../../../shared/domain/sending';
import { formatDateTime, plural } from '../../lib/format';

const EXPLAIN_UNCONFIRMED = 'Billbook stopped while handing it over, so it may have gone. It is not sent again on its own.';

/** What went wrong, in words; null when nothing did. A cancelled message's "error" is only that it was cancelled: the badge says so. */
export function errorOf(n: NotificationView): string | null {
  if (n.status === 'sent' || n.status === 'cancelled') return null;
  return n.error ?? (n.status === 'unconfirmed' ? EXPLAIN_UNCONFIRMED : null);
}

/** `showError: false` where the reason is shown elsewhere (the log puts it in a row of its own). */
export function NotificationStatus({ n, showError = true }: { n: NotificationView; showError?: boolean }) {
  const error = showError ? errorOf(n) : null;
  return (
    <div className="note-status">
      <span className={`badge note-badge note-badge-${n.status}`}>{NOTIFICATION_STATUS_LABELS[n.status]}</span>
      {n.status === 'scheduled' && (
        <span className="note-detail">
          for <time dateTime={n.scheduledFor}>{formatDateTime(n.scheduledFor)}</time>
        </span>
      )}
      {error && <span className="note-detail note-error">{error}</span>}
      {n.retryCount > 0 && <span className="note-detail muted">{plural(n.retryCount, 'retry', 'retries')}</span>}
    </div>
  );
}
