// The draft lifecycle: create, save (a new version each time), read versions back, restore one,
// copy an invoice into a new draft, and discard. Finalizing lives with the invoices.
import { AppError } from '../../../shared/errors';
import type { ChannelParsed } from '../../../shared/contract';
import type { DraftOrigin, DraftVersion, DraftVersionSummary, Invoice } from '../../../shared/domain/invoice';
import { draftContentSchema, type InvoiceKind } from '../../../shared/domain/invoice';
import type { CurrencyCode } from '../../../shared/money';
import { recordMutation } from '../audit/record';
import { identityOf } from '../sync/identity';
import type { CoreContext } from '../context';
import { getCustomerRow, type CustomerRow } from '../customers/repo';
import { newId } from '../ids';
import * as invoices from '../invoices/repo';
import { announceInvoices, getInvoice, invoiceName, storedInvoice, today } from '../invoices/service';
import { checkBillable, draftColumns, resolveDraft, type ResolvedDraft } from './content';
import { draftTaxDefaults, followTaxDefaults } from './taxDefaults';

function billableCustomer(ctx: CoreContext, customerId: string, currency: string | undefined): CustomerRow {
  const customer = getCustomerRow(ctx.sql, customerId);
  checkBillable(customer, currency);
  return customer;
}

function saveVersion(ctx: CoreContext, invoiceId: string, version: number, draft: ResolvedDraft, origin: DraftOrigin, totalMinor: number, note: string): void {
  invoices.insertDraftVersion(ctx.sql, {
    invoice_id: invoiceId, version, saved_at: ctx.clock.now().toISOString(), source: origin.source, prompt: origin.prompt,
    ai_confidence: origin.aiConfidence, note, total_minor: totalMinor, line_count: draft.lines.length, content: JSON.stringify(draft),
    warnings: JSON.stringify(origin.warnings), sync_id: newId(ctx.clock), author: authorOf(ctx),
  });
}

function authorOf(ctx: CoreContext): string {
  const { actor, deviceName } = identityOf(ctx.sql);
  return actor ? `${actor}${deviceName ? ` on ${deviceName}` : ''}` : '';
}

/** What a new draft becomes: an invoice, a quote (issued later as a quote), or an opening balance. */
export interface DraftKind {
  kind: InvoiceKind;
  /** The quote an invoice is converted from. */
  quoteId?: string | null;
}

/** Inserts a new draft; the caller holds the transaction. Returns its id. */
export function insertDraft(
  ctx: CoreContext, content: ChannelParsed<'drafts.create'>['draft'], origin: DraftOrigin, note: string, as: DraftKind = { kind: 'invoice' },
): string {
  const customer = billableCustomer(ctx, content.customerId, content.currency);
  const draft = resolveDraft(content, customer);
  const id = newId(ctx.clock);
  const now = ctx.clock.now().toISOString();
  const { columns, lines } = draftColumns(id, draft, customer);
  invoices.insertInvoice(ctx.sql, {
    id, ...columns, number: null, status: 'draft', paid_minor: 0, credited_minor: 0, balance_minor: 0, paid_on: null, bill_to: null,
    draft_version: 1, source: origin.source, prompt: origin.prompt, ai_confidence: origin.aiConfidence,
    finalized_at: null, voided_at: null, void_reason: null, created_at: now, updated_at: now, deleted_at: null, version: 1,
    kind: as.kind, quote_id: as.quoteId ?? null,
  });
  invoices.replaceLines(ctx.sql, id, lines, true);
  saveVersion(ctx, id, 1, draft, origin, columns.total_minor, note);
  recordMutation(ctx, {
    entity: as.kind === 'quote' ? 'quote' : 'invoice', entityId: id, mutation: 'drafts.create', action: 'created',
    summary: note || `${as.kind === 'quote' ? 'Quote draft' : 'Draft'} created for ${customer.name}`, args: { id, draft, origin, kind: as.kind },
  });
  return id;
}

export function createDraft(ctx: CoreContext, input: ChannelParsed<'drafts.create'>): Invoice {
  const id = ctx.sql.transaction(() => insertDraft(ctx, input.draft, input.origin, ''));
  const invoice = getInvoice(ctx, id);
  announceInvoices(ctx, [id], [invoice.customer.id]);
  return invoice;
}

function editableDraft(ctx: CoreContext, id: string, version: number): invoices.InvoiceRow {
  const row = storedInvoice(ctx, id);
  if (row.status !== 'draft') {
    throw new AppError('conflict', `${invoiceName(row)} is finalized and can no longer be changed. To correct it, issue a credit note${row.status === 'open' ? ' or void it' : ''}.`);
  }
  if (row.draft_version !== version) {
    throw new AppError('conflict', `This draft was saved elsewhere since you opened it (it is now version ${row.draft_version}). Reload to see the newest version, then make your change again.`);
  }
  return row;
}

/** Writes a new version of a draft; the caller holds the transaction. Returns false when nothing changed. */
function writeVersion(ctx: CoreContext, row: invoices.InvoiceRow, draft: ResolvedDraft, customer: CustomerRow, origin: DraftOrigin, note: string, mutation: string): boolean {
  const previous = invoices.getVersion(ctx.sql, row.id, row.draft_version);
  const sameOrigin = previous && previous.source === origin.source && previous.prompt === origin.prompt && previous.ai_confidence === origin.aiConfidence;
  if (previous && sameOrigin && previous.content === JSON.stringify(draft) && note === '') return false;
  // Versions pulled from another computer are numbered here in the order they arrive, and one can
  // arrive before the draft row that counts it: the next number must follow every version held.
  const version = Math.max(row.draft_version, invoices.newestDraftVersionNumber(ctx.sql, row.id)) + 1;
  const now = ctx.clock.now().toISOString();
  const { columns, lines } = draftColumns(row.id, draft, customer);
  invoices.updateDraftRow(ctx.sql, {
    ...row, ...columns, draft_version: version, source: origin.source, prompt: origin.prompt, ai_confidence: origin.aiConfidence,
    updated_at: now, version: row.version + 1,
  });
  invoices.replaceLines(ctx.sql, row.id, lines);
  saveVersion(ctx, row.id, version, draft, origin, columns.total_minor, note);
  recordMutation(ctx, {
    entity: 'invoice', entityId: row.id, mutation, action: 'saved',
    summary: note || `Draft saved as version ${version}`, args: { id: row.id, version, draft, origin },
  });
  return true;
}

/**
 * Saves an edit as the draft's next version; the caller holds the transaction and announces the
 * change. Returns the customer the draft had before, and whether a version was written.
 */
export function writeDraftEdit(ctx: CoreContext, input: ChannelParsed<'drafts.update'>, note = ''): { previousCustomer: string; saved: boolean } {
  const row = editableDraft(ctx, input.id, input.version);
  const customer = billableCustomer(ctx, input.draft.customerId, input.draft.currency);
  // A person's edit keeps the sentence the draft came from, but the amounts are now theirs.
  const origin: DraftOrigin = input.origin ?? { source: 'manual', prompt: row.prompt, aiConfidence: null, warnings: [] };
  const saved = writeVersion(ctx, row, resolveDraft(input.draft, customer), customer, origin, note, 'drafts.update');
  return { previousCustomer: row.customer_id, saved };
}

export function updateDraft(ctx: CoreContext, input: ChannelParsed<'drafts.update'>): Invoice {
  const { previousCustomer } = ctx.sql.transaction(() => writeDraftEdit(ctx, input));
  const invoice = getInvoice(ctx, input.id);
  announceInvoices(ctx, [input.id], [...new Set([previousCustomer, invoice.customer.id])]);
  return invoice;
}

function toSummary(row: invoices.VersionSummaryRow): DraftVersionSummary {
  return {
    version: row.version, savedAt: row.saved_at, currency: row.currency as CurrencyCode, source: row.source as DraftVersionSummary['source'], prompt: row.prompt,
    aiConfidence: row.ai_confidence, totalMinor: row.total_minor, lineCount: row.line_count, note: row.note,
    warnings: JSON.parse(row.warnings) as string[],
  };
}

export function draftVersions(ctx: CoreContext, id: string): DraftVersionSummary[] {
  storedInvoice(ctx, id);
  return invoices.listVersions(ctx.sql, id).map(toSummary);
}

function readVersion(ctx: CoreContext, id: string, version: number): invoices.VersionRow {
  const row = invoices.getVersion(ctx.sql, id, version);
  if (!row) throw new AppError('not_found', `This draft has no version ${version}.`);
  return row;
}

/** A stored version's content, read with today's schema so an old save is never trusted blindly. */
function versionContent(row: invoices.VersionRow): ResolvedDraft {
  const parsed = draftContentSchema.safeParse(JSON.parse(row.content));
  if (!parsed.success) throw new AppError('internal', `Version ${row.version} of this draft cannot be read back.`);
  return parsed.data as ResolvedDraft;
}

export function draftVersion(ctx: CoreContext, id: string, version: number): DraftVersion {
  storedInvoice(ctx, id);
  const row = readVersion(ctx, id, version);
  const currency = (JSON.parse(row.content) as { currency: CurrencyCode }).currency;
  return { ...toSummary({ ...row, currency }), content: { ...versionContent(row), currency } };
}

export function restoreDraftVersion(ctx: CoreContext, input: ChannelParsed<'drafts.restore'>): Invoice {
  ctx.sql.transaction(() => {
    const row = editableDraft(ctx, input.id, input.currentVersion);
    const old = readVersion(ctx, input.id, input.version);
    const content = versionContent(old);
    const customer = billableCustomer(ctx, content.customerId, content.currency);
    const origin: DraftOrigin = {
      source: old.source as DraftOrigin['source'], prompt: old.prompt, aiConfidence: old.ai_confidence, warnings: JSON.parse(old.warnings) as string[],
    };
    writeVersion(ctx, row, resolveDraft(content, customer), customer, origin, `Restored version ${input.version}`, 'drafts.restore');
  });
  const invoice = getInvoice(ctx, input.id);
  announceInvoices(ctx, [input.id], [invoice.customer.id]);
  return invoice;
}

export function duplicateInvoice(ctx: CoreContext, invoiceId: string): Invoice {
  const source = getInvoice(ctx, invoiceId);
  const id = ctx.sql.transaction(() => {
    const customer = getCustomerRow(ctx.sql, source.customer.id);
    checkBillable(customer, undefined);
    const copied = followTaxDefaults(
      {
        pricesIncludeTax: source.pricesIncludeTax,
        lines: source.lines.map(({ description, quantityMilli, unit, unitPriceMinor, taxRateBp, priceIncludesTax, itemId }) => ({
          description, quantityMilli, unit, unitPriceMinor, taxRateBp, priceIncludesTax, itemId,
        })),
      },
      draftTaxDefaults(ctx, customer),
      source.number ?? 'The copied draft',
    );
    const content = draftContentSchema.parse({
      customerId: source.customer.id,
      issueDate: today(ctx),
      dueDate: null,
      pricesIncludeTax: copied.content.pricesIncludeTax,
      discount: source.discount,
      lines: copied.content.lines,
      notes: source.notes,
      template: source.template,
    });
    return insertDraft(ctx, { ...content, currency: customer.currency as CurrencyCode }, { source: 'copy', prompt: null, aiConfidence: null, warnings: copied.warnings }, `Copy of ${source.number ?? 'a draft'}`);
  });
  const invoice = getInvoice(ctx, id);
  announceInvoices(ctx, [id], [invoice.customer.id]);
  return invoice;
}

export function discardDraft(ctx: CoreContext, id: string): { id: string } {
  const customerId = ctx.sql.transaction(() => {
    const row = storedInvoice(ctx, id);
    if (row.status !== 'draft') {
      throw new AppError('conflict', `${invoiceName(row)} is finalized and stays in the books. Void it (if nothing was paid) or issue a credit note.`);
    }
    const now = ctx.clock.now().toISOString();
    invoices.discardDraftRow(ctx.sql, id, now);
    recordMutation(ctx, { entity: 'invoice', entityId: id, mutation: 'drafts.discard', action: 'discarded', summary: 'Draft discarded', args: { id, at: now } });
    return row.customer_id;
  });
  ctx.jobs.cancelForSubject(id, 'ai.draft');
  announceInvoices(ctx, [id], [customerId]);
  return { id };
}
