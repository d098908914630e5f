import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { getCreditNote, getInvoiceRow } from '../invoices/repo';
import { itemEtimsView, setItemEtims } from './items';
import { etimsStatusOf } from './print';
import { retryDocument } from './queue';
import type { DocumentKind } from './repo';
import { codeList, exportReport, initialise, refreshCodes, report, searchClasses, setupView, takeOverTransmitting } from './service';

function statusOf(ctx: CoreContext, kind: DocumentKind, id: string) {
  if (kind === 'invoice') {
    const row = getInvoiceRow(ctx.sql, id);
    if (!row) throw new AppError('not_found', 'That invoice does not exist.');
    return etimsStatusOf(ctx, { kind, id, final: row.status !== 'draft' && row.status !== 'void', imported: row.source === 'import', at: row.finalized_at });
  }
  const note = getCreditNote(ctx.sql, id);
  if (!note) throw new AppError('not_found', 'That credit note does not exist.');
  return etimsStatusOf(ctx, { kind, id, final: note.deleted_at === null, imported: false, at: note.created_at });
}

export function etimsHandlers(ctx: CoreContext) {
  return {
    'etims.setup': () => setupView(ctx),
    'etims.initialise': () => initialise(ctx),
    'etims.takeOver': () => takeOverTransmitting(ctx),
    'etims.refreshCodes': () => refreshCodes(ctx),
    'etims.codes': (input) => codeList(ctx, input.list),
    'etims.searchClasses': (input) => searchClasses(ctx, input.query, input.limit),
    'etims.item': (input) => itemEtimsView(ctx, input.id),
    'etims.setItem': (input) => setItemEtims(ctx, input.id, input.version, input.etims),
    'etims.status': (input) => statusOf(ctx, input.kind, input.id),
    'etims.retry': (input) => {
      retryDocument(ctx, input.kind, input.id);
      return statusOf(ctx, input.kind, input.id);
    },
    'etims.report': (input) => report(ctx, input.from, input.to),
    'etims.export': (input) => exportReport(ctx, input.from, input.to),
  } satisfies Partial<HandlerMap>;
}
