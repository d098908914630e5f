// A statement of account as a PDF, in the customer's language, with the business profile and how to pay.
import type { StatementPeriod } from '../../../shared/domain/statement';
import type { CoreContext } from '../context';
import type { StatementPdfModel } from '../pdf/model';
import { readSettings } from '../settings/service';
import { buildStatement } from './service';

export async function renderStatementPdf(ctx: CoreContext, period: StatementPeriod): Promise<{ fileName: string; bytes: Buffer; pages: number }> {
  const statement = buildStatement(ctx, period);
  const settings = readSettings(ctx);
  const model: StatementPdfModel = {
    kind: 'statement', language: statement.language, renderedAt: ctx.clock.now().toISOString(), business: settings.business, payment: settings.payment, statement,
  };
  const { bytes, pages } = await ctx.pdf.render(model);
  return { fileName: `Statement-${statement.customer.code}-${statement.from}-to-${statement.to}.pdf`, bytes: Buffer.from(bytes), pages };
}
