import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';

export function appHandlers(ctx: CoreContext) {
  return {
    'app.clock': () => ({ now: ctx.clock.now().toISOString(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
  } satisfies Partial<HandlerMap>;
}
