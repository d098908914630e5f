import type { CoreContext } from '../../context';
import type { HandlerMap } from '../../handlers';
import * as intelligence from './service';

/** The intelligence channels: predictions and forecasts from the books, each with its reasons. */
export function intelligenceHandlers(ctx: CoreContext) {
  return {
    'intelligence.predictions': (input) => intelligence.listPredictions(ctx, input),
    'intelligence.prediction': (input) => intelligence.getPrediction(ctx, input.invoiceId),
    'intelligence.backtest': (input) => intelligence.backtest(ctx, input),
    'intelligence.collection': (input) => intelligence.collection(ctx, input),
    'intelligence.cashflow': (input) => intelligence.cashflow(ctx, input),
    'intelligence.anomalies': (input) => intelligence.anomalies(ctx, input),
    'intelligence.revenueForecast': (input) => intelligence.revenueForecast(ctx, input),
  } satisfies Partial<HandlerMap>;
}
