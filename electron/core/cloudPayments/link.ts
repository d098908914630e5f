// The customer's page for an invoice (/p/<token> on Billbook Cloud), and whether a message or a PDF
// should carry it. The owner's switch and expiry live on the Cloud; this computer keeps what it last
// saw of them (meta, never synced), so a PDF made offline follows the owner's choice as last known.
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { PaymentsSetupView } from '../../../shared/cloud/payments';
import type { CoreContext } from '../context';
import { cloudLink, readMetaValue, writeMeta } from '../sync/state';
import type { Sql } from '../db/sql';

const LINKS_SEEN = 'cloud.payment_links';
const linksSeenSchema = z.object({ enabled: z.boolean(), days: z.number().int().min(0) });

/** Keeps the owner's link settings as the Cloud last gave them. */
export function rememberLinkSetup(sql: Sql, setup: Pick<PaymentsSetupView, 'links'>): void {
  writeMeta(sql, LINKS_SEEN, JSON.stringify(setup.links));
}

/** The link settings last seen; the Cloud's default (links on, no expiry) before any was seen. */
export function linkSetupSeen(sql: Sql): { enabled: boolean; days: number } {
  const parsed = linksSeenSchema.safeParse(JSON.parse(readMetaValue(sql, LINKS_SEEN) ?? 'null'));
  return parsed.success ? parsed.data : { enabled: true, days: 0 };
}

interface LinkRow { status: string; share_token: string | null; balance_minor: number; finalized_at: string | null; kind: string }

const linkRow = (sql: Sql, invoiceId: string) =>
  sql.prepare('SELECT status, share_token, balance_minor, finalized_at, kind FROM invoices WHERE id = ?').get(invoiceId) as LinkRow | undefined;

/** The customer's page for an invoice, when there is one to give, or why not (for the invoice's panel). */
export function invoiceLink(ctx: CoreContext, invoiceId: string): { link: string | null; linkNote: string | null } {
  const invoice = linkRow(ctx.sql, invoiceId);
  if (!invoice) throw new AppError('not_found', 'That invoice is not in the books.');
  const url = cloudLink(ctx.sql)?.url || null;
  if (!url) return { link: null, linkNote: 'Sign in to Billbook Cloud (Settings → Account & sync) to give customers a link to pay this invoice.' };
  if (invoice.status === 'draft') return { link: null, linkNote: 'A draft has no link: finalize it first.' };
  if (invoice.status === 'void') return { link: null, linkNote: 'A void invoice has no link.' };
  return invoice.share_token
    ? { link: `${url}/p/${invoice.share_token}`, linkNote: null }
    : { link: null, linkNote: 'This invoice was finalized before invoice links: choose “Share link” to make one.' };
}

/**
 * The link an email, SMS or PDF carries so the customer can pay online: only for a final invoice
 * with something left to pay, on a computer in a Cloud organisation, with links switched on and the
 * link not expired (as last seen from the Cloud). Null otherwise: the message reads as before.
 */
export function payLinkFor(ctx: CoreContext, invoiceId: string): string | null {
  const link = cloudLink(ctx.sql);
  if (!link?.joined || !link.url) return null;
  const invoice = linkRow(ctx.sql, invoiceId);
  if (!invoice?.share_token || invoice.kind !== 'invoice' || invoice.status === 'draft' || invoice.status === 'void' || invoice.balance_minor <= 0) return null;
  const seen = linkSetupSeen(ctx.sql);
  if (!seen.enabled) return null;
  if (seen.days > 0 && invoice.finalized_at && ctx.clock.now().getTime() > new Date(invoice.finalized_at).getTime() + seen.days * 86_400_000) return null;
  return `${link.url}/p/${invoice.share_token}`;
}
