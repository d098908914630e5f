import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import * as settings from './service';
import { peekDocumentNumber, today, type DocumentKind } from '../invoices/service';
import { numberFormatProblem } from '../../../shared/numbering';

export function settingsHandlers(ctx: CoreContext) {
  return {
    'settings.get': () => settings.settingsView(ctx),
    'settings.update': (input) => settings.updateSettings(ctx, input),
    'settings.setSecret': (input) => settings.setSecret(ctx, input.name, input.value),
    'settings.nextNumbers': (input) => {
      const deviceCode = input.deviceCode.trim().toUpperCase();
      const device = /^[A-Z0-9]{0,6}$/.test(deviceCode);
      const next = (kind: DocumentKind, format: string) =>
        device && numberFormatProblem(format.trim()) === null ? peekDocumentNumber(ctx, kind, today(ctx), { format: format.trim(), deviceCode }) : null;
      return { invoice: next('invoice', input.numberFormat), creditNote: next('credit_note', input.creditNoteFormat), payment: next('payment', input.paymentFormat) };
    },
  } satisfies Partial<HandlerMap>;
}
