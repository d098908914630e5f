import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { homeSummary } from './service';

export function homeHandlers(ctx: CoreContext) {
  return {
    'home.summary': () => homeSummary(ctx),
  } satisfies Partial<HandlerMap>;
}
