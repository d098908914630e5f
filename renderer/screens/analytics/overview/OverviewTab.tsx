// The overview tab: the period and currency pickers, then that currency's figures for the period.
import { useState } from 'react';
import { invoke } from '../../../api';
import type { PeriodInput } from '../../../../shared/domain/analytics';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../lib/format';
import { useRemote } from '../../../lib/useRemote';
import { useAnalyticsStore, type PeriodChoice } from '../analyticsStore';
import { CurrencySwitch, useChosenCurrency } from '../CurrencySwitch';
import { DrilldownDialog, type DrillRequest } from '../drilldown/DrilldownDialog';
import { useBooksChanged } from '../useBooksChanged';
import { CurrencyOverview } from './CurrencyOverview';
import { PeriodPicker } from './PeriodPicker';
import { RevenueByItem } from './RevenueByItem';
import { usePeriodKeys } from './usePeriodKeys';

function toInput(p: PeriodChoice): PeriodInput {
  return p.preset === 'custom' ? { preset: 'custom', from: p.from, to: p.to } : { preset: p.preset };
}

export function OverviewTab() {
  const period = useAnalyticsStore((s) => s.period);
  const input = toInput(period);
  const changed = useBooksChanged();
  // useRemote keeps the last figures when a refetch fails; say so, or a new period would seem to show old numbers.
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const remote = useRemote(
    () =>
      invoke('analytics.dashboard', { period: input }).then(
        (value) => {
          setRefreshError(null);
          return value;
        },
        (e: unknown) => {
          setRefreshError(errorMessage(e));
          throw e;
        },
      ),
    `${JSON.stringify(input)}|${changed}`,
  );
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  usePeriodKeys();

  const dashboard = remote.state === 'ready' ? remote.value : undefined;
  const chosen = useChosenCurrency(dashboard?.currencies.map((c) => c.currency) ?? []);
  const block = dashboard?.currencies.find((c) => c.currency === chosen);

  return (
    <div className="overview-tab">
      <div className="analytics-toolbar">
        <PeriodPicker resolved={dashboard?.period} today={dashboard?.today} />
        {dashboard && <CurrencySwitch currencies={dashboard.currencies} />}
      </div>
      <p className="period-label" aria-live="polite">
        {dashboard ? (
          <>
            <strong>{dashboard.period.label}</strong>
            <span className="muted"> · compared with {dashboard.period.previous.label}</span>
            {remote.state === 'ready' && remote.refreshing && <span className="muted"> · updating…</span>}
          </>
        ) : null}
      </p>
      {remote.state === 'ready' && refreshError && (
        <ErrorNotice title="These figures could not be updated" message={`${refreshError} The figures below are still those of ${remote.value.period.label}.`}>
          <button type="button" className="btn" onClick={remote.reload}>Try again</button>
        </ErrorNotice>
      )}
      {remote.state === 'loading' && <Loading label="Loading the figures…" />}
      {remote.state === 'failed' && (
        <ErrorNotice title="The figures could not be loaded" message={remote.message}>
          <button type="button" className="btn" onClick={remote.reload}>Try again</button>
        </ErrorNotice>
      )}
      {dashboard && block && <CurrencyOverview dashboard={dashboard} block={block} onDrill={setDrill} />}
      {dashboard && block && <RevenueByItem period={input} currency={block.currency} changed={changed} />}
      {drill && <DrilldownDialog request={drill} onClose={() => setDrill(null)} />}
    </div>
  );
}
