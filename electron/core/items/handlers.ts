import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { entriesForSentence } from './catalog';
import { exportItems } from './export';
import { commitItemImport, previewItemImport } from './import/service';
import * as items from './service';

/** The catalog channels: each takes its input already parsed by the contract's schema. */
export function itemHandlers(ctx: CoreContext) {
  return {
    'items.list': (input) => items.listItems(ctx, input),
    'items.get': (input) => items.getItem(ctx, input.id),
    'items.create': (input) => items.createItem(ctx, input),
    'items.update': (input) => items.updateItem(ctx, input),
    'items.archive': (input) => items.archiveItem(ctx, input.id),
    'items.restore': (input) => items.restoreItem(ctx, input.id),
    'items.search': (input) => items.searchItems(ctx, input),
    'items.forSentence': (input) => entriesForSentence(ctx, input.sentence),
    'items.import.preview': (input) => previewItemImport(ctx, input),
    'items.import.commit': (input) => commitItemImport(ctx, input),
    'items.defaults': () => ({ currency: items.businessCurrency(ctx) }),
    'items.export': (input) => exportItems(ctx, input),
  } satisfies Partial<HandlerMap>;
}
