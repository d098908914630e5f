import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import * as settings from './service';

export function settingsHandlers(ctx: CoreContext) {
  return {
    'settings.get': () => settings.settingsView(ctx),
    'settings.update': (input) => settings.updateSettings(ctx, input),
    'settings.setSecret': (input) => settings.setSecret(ctx, input.name, input.value),
  } satisfies Partial<HandlerMap>;
}
