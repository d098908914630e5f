import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { dashboard } from './dashboard/service';
import { drilldown } from './drilldown/service';
import { exportReport } from './reports/export';
import { runReport } from './reports/run';
import { deleteSavedReport, listSavedReports, saveReport } from './reports/saved';
import { taxReport } from './reports/tax';
import { revenueByItem } from './items/revenue';

/** The dashboard and report channels: each takes its input already parsed by the contract's schema. */
export function analyticsHandlers(ctx: CoreContext) {
  return {
    'analytics.dashboard': (input) => dashboard(ctx, input),
    'analytics.drilldown': (input) => drilldown(ctx, input),
    'analytics.revenueByItem': (input) => revenueByItem(ctx, input),
    'reports.run': (input) => runReport(ctx, input),
    'reports.save': (input) => saveReport(ctx, input),
    'reports.list': () => listSavedReports(ctx),
    'reports.delete': (input) => deleteSavedReport(ctx, input.id),
    'reports.tax': (input) => taxReport(ctx, input),
    'reports.export': (input) => exportReport(ctx, input),
  } satisfies Partial<HandlerMap>;
}
