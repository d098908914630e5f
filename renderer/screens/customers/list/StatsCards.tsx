import { memo, useEffect, useState } from 'react';
import { invoke } from '../../../api';
import type { CustomerStats } from '../../../../shared/contract';
import { formatCount, money } from '../../../lib/format';

/** Totals over all customers, refreshed whenever customers change (not re-rendered by the list's pages and keystrokes). */
export const StatsCards = memo(function StatsCards({ refreshToken }: { refreshToken: number }) {
  const [stats, setStats] = useState<CustomerStats | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    invoke('customers.stats', {}).then(
      (s) => {
        if (!live) return;
        setStats(s);
        setFailed(false);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [refreshToken]);

  const value = (n: number | undefined) => (n === undefined ? '…' : formatCount(n));
  const outstanding = stats?.outstanding.filter((o) => o.minor !== 0) ?? [];

  return (
    <section className="stats" aria-label="Customer totals">
      <div className="stat">
        <span className="stat-label">Total customers</span>
        <span className="stat-value">{value(stats?.total)}</span>
      </div>
      <div className="stat">
        <span className="stat-label">Active</span>
        <span className="stat-value">{value(stats?.active)}</span>
      </div>
      <div className="stat">
        <span className="stat-label">Outstanding</span>
        <span className="stat-value stat-money">
          {!stats ? '…' : outstanding.length === 0 ? 'Nothing owed' : outstanding.map((o) => <span key={o.currency}>{money(o.minor, o.currency)}</span>)}
        </span>
      </div>
      <div className="stat">
        <span className="stat-label">With overdue invoices</span>
        <span className="stat-value">{value(stats?.withOverdue)}</span>
      </div>
      {failed && <p className="stat-error">Totals could not be loaded; they will retry when customers change.</p>}
    </section>
  );
});
