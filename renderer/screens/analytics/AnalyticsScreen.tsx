// Analytics: where the money is (overview), where it will be (predictions, cash flow, forecast) and
// who to call first (collections, anomalies). The tab is part of the address: #/analytics/<tab>.
import { Tabs, type TabDef } from '../../components/Tabs';
import { navigateContinuing, paths } from '../../lib/router';
import { OverviewTab } from './overview/OverviewTab';
import { PredictionsTab } from './predictions/PredictionsTab';
import { CollectionsTab } from './collections/CollectionsTab';
import { CashflowTab } from './cashflow/CashflowTab';
import { AnomaliesTab } from './anomalies/AnomaliesTab';
import { ForecastTab } from './forecast/ForecastTab';
import './analytics.css';

const TABS: TabDef[] = [
  { key: 'overview', label: 'Overview', render: () => <OverviewTab /> },
  { key: 'predictions', label: 'Predictions', render: () => <PredictionsTab /> },
  { key: 'collections', label: 'Collections', render: () => <CollectionsTab /> },
  { key: 'cashflow', label: 'Cash flow', render: () => <CashflowTab /> },
  { key: 'anomalies', label: 'Anomalies', render: () => <AnomaliesTab /> },
  { key: 'forecast', label: 'Forecast', render: () => <ForecastTab /> },
];

export function AnalyticsScreen({ tab }: { tab?: string | undefined }) {
  const selected = TABS.some((t) => t.key === tab) ? tab! : 'overview';
  return (
    <section className="screen analytics">
      <header className="screen-header">
        <div>
          <h1>Analytics</h1>
          <p className="muted screen-subtitle">Where the money is, where it will be, and who to call first.</p>
        </div>
      </header>
      <Tabs
        label="Analytics"
        tabs={TABS}
        selected={selected}
        // The same screen under the tab's address: switching tabs keeps focus on the tab and adds a Back step.
        onSelect={(key) => navigateContinuing(paths.analytics(key === 'overview' ? undefined : key))}
      />
    </section>
  );
}
