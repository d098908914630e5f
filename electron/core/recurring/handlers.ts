import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import * as recurring from './service';

/** The recurring invoice channels. */
export function recurringHandlers(ctx: CoreContext) {
  return {
    'recurring.create': (input) => recurring.createSchedule(ctx, input),
    'recurring.get': (input) => recurring.getSchedule(ctx, input.id),
    'recurring.list': (input) => recurring.listSchedules(ctx, input),
    'recurring.pause': (input) => recurring.pauseSchedule(ctx, input.id),
    'recurring.resume': (input) => recurring.resumeSchedule(ctx, input.id),
    'recurring.skip': (input) => recurring.skipNext(ctx, input.id),
    'recurring.end': (input) => recurring.endSchedule(ctx, input.id),
    'recurring.runDue': () => recurring.runDueForOrganisation(ctx),
  } satisfies Partial<HandlerMap>;
}
