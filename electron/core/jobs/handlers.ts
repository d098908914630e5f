import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';

/** The queue panel's channels. */
export function jobHandlers(ctx: CoreContext) {
  return {
    'jobs.list': (input) => ctx.jobs.list(input),
    'jobs.get': (input) => ctx.jobs.get(input.id),
    'jobs.cancel': (input) => ctx.jobs.cancel(input.id),
    'jobs.retryNow': (input) => ctx.jobs.retryNow(input.id),
  } satisfies Partial<HandlerMap>;
}
