import type { CoreContext } from '../../context';
import type { HandlerMap } from '../../handlers';
import { assignIncoming, countUnmatched, dismissIncoming, listUnmatched } from '../incoming/service';
import { commitStatement, previewStatement } from './service';

/** Import statement and the Unmatched inbox. */
export function statementImportHandlers(ctx: CoreContext) {
  return {
    'payments.statement.preview': (input) => previewStatement(ctx, input),
    'payments.statement.commit': (input) => commitStatement(ctx, input),
    'payments.incoming.list': () => listUnmatched(ctx),
    'payments.incoming.count': () => countUnmatched(ctx),
    'payments.incoming.assign': (input) => assignIncoming(ctx, input),
    'payments.incoming.dismiss': (input) => dismissIncoming(ctx, input),
  } satisfies Partial<HandlerMap>;
}
