import type { CoreContext } from '../context';
import type { HandlerMap } from '../handlers';
import { renderStatementPdf } from './pdf';
import { sendAllStatements, sendStatement } from './send';
import { buildStatement } from './service';

/** The statement channels. */
export function statementHandlers(ctx: CoreContext) {
  return {
    'statements.get': (input) => buildStatement(ctx, input),
    'statements.pdf': async (input) => {
      const pdf = await renderStatementPdf(ctx, input);
      return { fileName: pdf.fileName, base64: pdf.bytes.toString('base64'), pages: pdf.pages, bytes: pdf.bytes.length };
    },
    'statements.send': (input) => sendStatement(ctx, input),
    'statements.sendAll': (input) => sendAllStatements(ctx, input),
  } satisfies Partial<HandlerMap>;
}
