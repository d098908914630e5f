// Drafts that start from the customer's past: a recurring-billing suggestion, or the last invoice.
import type { ChannelParsed } from '../../../shared/contract';
import type { RecurringSuggestion } from '../../../shared/domain/drafting';
import { draftContentSchema, type Invoice } from '../../../shared/domain/invoice';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { duplicateInvoice, insertDraft } from '../drafts/service';
import { announceInvoices, getInvoice, today } from '../invoices/service';
import { pastInvoices } from './history';
import { recurringSuggestions } from './recurring';
import { billableCustomer } from './service';
import { draftTaxDefaults, followTaxDefaults } from '../drafts/taxDefaults';

/** Enough history to see a monthly rhythm over three years, or a weekly one over eight months. */
const HISTORY_FOR_SUGGESTIONS = 36;

export function suggestionsFor(ctx: CoreContext, input: ChannelParsed<'drafting.suggestions'>): RecurringSuggestion[] {
  const day = today(ctx);
  const customers = input.customerId
    ? [billableCustomer(ctx, input.customerId)]
    : // Customers billed in the last 13 months: anyone older has no live rhythm to continue.
      (ctx.sql
        .prepare(
          `SELECT DISTINCT c.id, c.name FROM invoices i JOIN customers c ON c.id = i.customer_id
           WHERE i.status IN ('open', 'partially_paid', 'paid') AND i.issue_date >= date(?, '-13 months') AND c.deleted_at IS NULL`,
        )
        .all(day) as { id: string; name: string }[]);
  const all = customers.flatMap((c) => recurringSuggestions(c, pastInvoices(ctx.sql, c.id, HISTORY_FOR_SUGGESTIONS), day));
  return all
    .sort((a, b) => Number(b.dueSoon) - Number(a.dueSoon) || a.nextIssueDate.localeCompare(b.nextIssueDate))
    .slice(0, input.limit);
}

export function useSuggestion(ctx: CoreContext, input: ChannelParsed<'drafting.useSuggestion'>): Invoice {
  const suggestion = suggestionsFor(ctx, { customerId: input.customerId, limit: 200 }).find((s) => s.key === input.key);
  if (!suggestion) throw new AppError('not_found', 'That suggestion no longer applies (the customer has been billed since). Refresh the suggestions.');
  const day = today(ctx);
  const customer = billableCustomer(ctx, suggestion.customerId);
  const last = suggestion.basedOn[suggestion.basedOn.length - 1];
  const followed = followTaxDefaults({ pricesIncludeTax: suggestion.pricesIncludeTax, lines: suggestion.lines.map((l) => ({ itemId: null, ...l })) }, draftTaxDefaults(ctx, customer), last?.number ?? 'The last invoice');
  const id = ctx.sql.transaction(() =>
    insertDraft(
      ctx,
      draftContentSchema.parse({
        customerId: suggestion.customerId,
        currency: suggestion.currency,
        // A suggestion for later this month is drafted now but dated when it is due; a missed one is dated today.
        issueDate: suggestion.nextIssueDate > day ? suggestion.nextIssueDate : day,
        pricesIncludeTax: followed.content.pricesIncludeTax,
        discount: suggestion.discount,
        lines: followed.content.lines,
      }),
      { source: 'suggestion', prompt: null, aiConfidence: null, warnings: followed.warnings },
      `Suggested: ${suggestion.reason}`,
    ),
  );
  announceInvoices(ctx, [id], [suggestion.customerId]);
  return getInvoice(ctx, id);
}

export function draftFromPrevious(ctx: CoreContext, customerId: string): Invoice {
  const customer = billableCustomer(ctx, customerId);
  const [last] = pastInvoices(ctx.sql, customer.id, 1);
  if (!last) throw new AppError('not_found', `${customer.name} has no finalized invoice to copy yet. Draft one from a sentence or by hand.`);
  return duplicateInvoice(ctx, last.id);
}
