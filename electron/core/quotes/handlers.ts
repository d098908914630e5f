import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import * as quotes from './service';

/** The quote channels. */
export function quoteHandlers(ctx: CoreContext) {
  return {
    'quotes.create': (input) => quotes.createQuoteDraft(ctx, input),
    'quotes.issue': (input) => quotes.issueQuote(ctx, input),
    'quotes.decide': (input) => quotes.decideQuote(ctx, input),
    'quotes.convert': (input) => quotes.convertQuote(ctx, input),
    'quotes.get': (input) => quotes.getQuote(ctx, input.id),
    'quotes.list': (input) => quotes.listQuotes(ctx, input),
    'quotes.send': (input) => quotes.sendQuote(ctx, input),
    'quotes.pdf': (input) => quotes.renderQuotePdf(ctx, input.id),
  } satisfies Partial<HandlerMap>;
}
