import type { TimelineEntry } from '../../../../shared/domain/invoice';
import { formatDateTime } from '../../../lib/format';

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing has happened to this invoice yet.</p>;
  return (
    <ol className="invoice-timeline" aria-label="Status history">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className={`timeline-${e.kind}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <span className="timeline-label">{e.label}</span>
          <time dateTime={e.at} className="muted">{formatDateTime(e.at)}</time>
        </li>
      ))}
    </ol>
  );
}
