// One currency's overview: an empty-books note, the key figures, four charts and three customer lists.
import { useId } from 'react';
import type { CurrencyDashboard, Dashboard } from '../../../../shared/domain/analytics';
import { formatDate } from '../../../lib/format';
import type { DrillRequest } from '../drilldown/DrilldownDialog';
import { AgingChart } from './AgingChart';
import { CustomerRevenueChart } from './CustomerRevenueChart';
import { KpiGrid } from './KpiGrid';
import { NeedsAttention } from './NeedsAttention';
import { NewCustomersChart } from './NewCustomersChart';
import { RevenueChart } from './RevenueChart';
import { TopCustomers } from './TopCustomers';

/** Empty books: no finalized invoice and no payment in any month or list of this currency. */
function isEmpty(block: CurrencyDashboard): boolean {
  const kpi = (key: string) => block.kpis.find((k) => k.key === key)?.value ?? 0;
  return (
    block.charts.revenueByMonth.every((m) => m.grossBilledMinor === 0 && m.collectedMinor === 0) &&
    kpi('outstanding') === 0 &&
    block.lists.needsAttention.length === 0
  );
}

export function CurrencyOverview({ dashboard, block, onDrill }: { dashboard: Dashboard; block: CurrencyDashboard; onDrill: (r: DrillRequest) => void }) {
  const chartsId = useId();
  const listsId = useId();
  const { period } = dashboard;
  return (
    <>
      {isEmpty(block) && (
        <div className="notice notice-info analytics-empty">
          <p className="notice-title">No figures yet in {block.currency}</p>
          <p>
            Billed, collected and owed amounts come from finalized invoices and recorded payments. Finalize an invoice (Invoices → New
            invoice) and the figures, charts and lists below fill in.
          </p>
        </div>
      )}
      <KpiGrid block={block} previousLabel={period.previous.label} onDrill={onDrill} />
      <section className="analytics-section" aria-labelledby={chartsId}>
        <h2 id={chartsId}>Trends <span className="muted">({block.currency})</span></h2>
        <div className="chart-grid">
          <RevenueChart block={block} onDrill={onDrill} />
          <CustomerRevenueChart block={block} periodLabel={period.label} onDrill={onDrill} />
          <AgingChart block={block} onDrill={onDrill} />
          <NewCustomersChart block={block} onDrill={onDrill} />
        </div>
      </section>
      <section className="analytics-section" aria-labelledby={listsId}>
        <h2 id={listsId}>Customers <span className="muted">({block.currency})</span></h2>
        <div className="list-grid">
          <TopCustomers
            title="Top customers by billed"
            by="billed"
            rows={block.lists.topByBilled}
            block={block}
            empty="No one was billed in this period. The ten customers you billed most appear here."
            onDrill={onDrill}
          />
          <TopCustomers
            title="Top customers by outstanding"
            by="outstanding"
            rows={block.lists.topByOutstanding}
            block={block}
            empty={`Nothing was owed at the end of the period (${formatDate(period.to)}). The ten customers who owe most appear here.`}
            onDrill={onDrill}
          />
        </div>
        <NeedsAttention block={block} today={dashboard.today} onDrill={onDrill} />
      </section>
    </>
  );
}
