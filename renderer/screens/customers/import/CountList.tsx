import { formatCount } from '../../../lib/format';

/** A row of labelled counts, as the import shows before and after. */
export function CountList({ label, counts }: { label: string; counts: [string, number][] }) {
  return (
    <dl className="stats" aria-label={label}>
      {counts.map(([name, n]) => (
        <div key={name} className="stat">
          <dt className="stat-label">{name}</dt>
          <dd className="stat-value">{formatCount(n)}</dd>
        </div>
      ))}
    </dl>
  );
}
