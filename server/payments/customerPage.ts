// The page a customer opens from an invoice's link: that invoice, what is still owed, its PDF, and
// how to pay (an M-Pesa prompt to their phone, Paystack, or the Paybill and account to use). One
// small HTML document with no scripts, so it opens on a cheap phone on a slow network, and nothing
// on it but that one invoice.
import { sql } from 'kysely';
import { accountReferenceFor } from '../../shared/payments/accountReference';
import type { SyncData, SyncRow } from '../../shared/sync/tables';
import { escapeHtml } from '../accounts/routes';
import type { CloudContext } from '../context';
import { inOrg } from '../db/tenant';
import { hit } from '../http/rateLimit';
import { cloudStamp, heldRow, invoicesWithBalance, settingsSection, writeCloudRows, type OpenInvoice } from './record';
import { orgPayments, type OrgPayments } from './setup';
import { v7 } from 'uuid';

export interface SharedInvoice {
  orgId: string;
  invoiceId: string;
  data: SyncData;
  invoice: OpenInvoice;
  setup: OrgPayments;
  business: { name?: string; phone?: string; email?: string };
  paymentInstructions: { mpesa?: { kind?: string; number?: string } } | null;
  customerName: string;
  hasPdf: boolean;
}

export type ShareLookup = { kind: 'found'; shared: SharedInvoice } | { kind: 'gone'; message: string };

/** The invoice behind a link, or why there is none (unknown, switched off, expired, void). */
export async function sharedInvoice(ctx: CloudContext, token: string): Promise<ShareLookup> {
  const gone = (message: string): ShareLookup => ({ kind: 'gone', message });
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return gone('This link is not valid. Ask the business that sent it for a new one.');
  // Across organisations: the token alone names the invoice (the index is on it).
  const found = await sql<{ org_id: string; row_id: string }>`SELECT org_id, row_id FROM sync_rows WHERE tbl = 'invoices' AND data->>'share_token' = ${token} LIMIT 1`.execute(ctx.db);
  const at = found.rows[0];
  if (!at) return gone('This link is not valid, or the invoice has not reached Billbook Cloud yet. Ask the business that sent it.');
  return inOrg(ctx.db, at.org_id, async (trx) => {
    const row = await heldRow(trx, at.org_id, 'invoices', at.row_id);
    const setup = await orgPayments(ctx, trx, at.org_id);
    if (!row) return gone('This invoice is no longer available.');
    if (!setup.linksEnabled) return gone('The business has switched off invoice links. Contact them for the invoice.');
    if (row.data.lifecycle === 'void') return gone(`Invoice ${String(row.data.number)} was cancelled (void). Nothing is owed on it.`);
    if (setup.linkDays > 0 && typeof row.data.finalized_at === 'string') {
      const expires = new Date(row.data.finalized_at).getTime() + setup.linkDays * 86_400_000;
      if (ctx.clock.now().getTime() > expires) return gone('This link has expired. Ask the business that sent it for a new one.');
    }
    const [invoice] = await invoicesWithBalance(trx, at.org_id, { invoiceIds: [at.row_id] });
    if (!invoice) return gone('This invoice is no longer available.');
    const customer = await heldRow(trx, at.org_id, 'customers', invoice.customerId);
    const pdf = await trx.selectFrom('invoice_pdfs').select('invoice_id').where('invoice_id', '=', at.row_id).executeTakeFirst();
    return {
      kind: 'found',
      shared: {
        orgId: at.org_id, invoiceId: at.row_id, data: row.data, invoice, setup,
        business: (await settingsSection<SharedInvoice['business']>(trx, at.org_id, 'business')) ?? {},
        paymentInstructions: await settingsSection<SharedInvoice['paymentInstructions']>(trx, at.org_id, 'payment'),
        customerName: typeof customer?.data.name === 'string' ? customer.data.name : '',
        hasPdf: pdf !== undefined,
      },
    };
  });
}

/** "Viewed by the customer" in the invoice's Activity, at most once an hour however often it is opened. */
export async function logView(ctx: CloudContext, shared: SharedInvoice): Promise<void> {
  try {
    await hit(ctx, `view:${shared.invoiceId}`, 1, 3_600_000, 'views');
  } catch {
    return;
  }
  const now = ctx.clock.now();
  const row: SyncRow = {
    table: 'audit_log', id: v7(), stamps: { '*': cloudStamp(now) },
    data: { at: now.toISOString(), entity: 'invoice', entity_id: shared.invoiceId, action: 'viewed', summary: `${shared.invoice.number} viewed by the customer (invoice link)`, details: '{}', actor: 'Customer', device_name: 'Billbook Cloud' },
  };
  await inOrg(ctx.db, shared.orgId, (trx) => writeCloudRows(trx, shared.orgId, [row]));
}

const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toLocaleString('en-KE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const STYLE = `body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1c2430;background:#f5f7fa}main{max-width:34rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.05rem;margin:1.2rem 0 .4rem}section{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:.9rem;margin:.8rem 0}
table{width:100%;border-collapse:collapse;font-size:.95rem}td,th{padding:.3rem 0;text-align:left;vertical-align:top}td.n,th.n{text-align:right;white-space:nowrap}
.due{font-size:1.4rem;font-weight:700}.muted{color:#5b6675;font-size:.9rem}.paid{color:#166534;font-weight:700}.note{background:#eef6ff;border-color:#bcd7f5}
label{display:block;font-weight:600;margin:.3rem 0}input{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #9aa6b2;border-radius:6px}
button,.button{display:inline-block;font:inherit;margin-top:.6rem;padding:.65rem 1.1rem;border-radius:6px;border:0;background:#1d4ed8;color:#fff;text-decoration:none;cursor:pointer}
.secondary{background:#fff;color:#1d4ed8;border:1px solid #1d4ed8}`;

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function gonePage(message: string): string {
  return shell('Invoice link', `<h1>Invoice link</h1><section><p>${escapeHtml(message)}</p></section>`);
}

/** The page itself; `notice` is a line shown at the top after the customer did something. */
export function invoicePage(token: string, shared: SharedInvoice, notice: { text: string; kind: 'ok' | 'problem' } | null): string {
  const { invoice, data, business, setup } = shared;
  const from = business.name || 'the business';
  const lines = Array.isArray(data.lines) ? (data.lines as { description?: string; quantity_milli?: number; amount_minor?: number; net_minor?: number }[]) : [];
  const rows = lines.map((l) => `<tr><td>${escapeHtml(String(l.description ?? ''))}${l.quantity_milli && l.quantity_milli !== 1000 ? ` <span class="muted">× ${l.quantity_milli / 1000}</span>` : ''}</td><td class="n">${money(Number(l.amount_minor ?? l.net_minor ?? 0), invoice.currency)}</td></tr>`).join('');
  const paid = invoice.balanceMinor === 0;
  const head = `<p class="muted">Invoice from ${escapeHtml(from)}</p><h1>Invoice ${escapeHtml(invoice.number)}</h1>
<p class="muted">${shared.customerName ? `For ${escapeHtml(shared.customerName)} · ` : ''}Issued ${escapeHtml(invoice.issueDate)} · Due ${escapeHtml(invoice.dueDate)}</p>`;
  const summary = `<section aria-label="Amount"><table><tbody>${rows}<tr><th>Total</th><th class="n">${money(invoice.totalMinor, invoice.currency)}</th></tr></tbody></table>
<p>${paid ? '<span class="paid">Paid in full. Thank you.</span>' : `Still to pay: <span class="due">${money(invoice.balanceMinor, invoice.currency)}</span>`}</p>
${shared.hasPdf ? `<a class="button secondary" href="/p/${token}/pdf">Download the invoice (PDF)</a>` : ''}</section>`;
  const ways: string[] = [];
  if (!paid && invoice.currency === 'KES' && setup.daraja) {
    ways.push(`<section><h2>Pay with M-Pesa</h2><form method="post" action="/p/${token}/mpesa"><label for="phone">Your M-Pesa number</label>
<input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" placeholder="0722 123456" required maxlength="20">
<button type="submit">Send the M-Pesa prompt to my phone</button></form><p class="muted">Your phone shows a request for ${money(invoice.balanceMinor, 'KES')}; enter your M-Pesa PIN to pay.</p></section>`);
  }
  if (!paid && invoice.currency === 'KES' && setup.paystack) {
    ways.push(`<section><h2>Pay by card or mobile money</h2><a class="button" href="/p/${token}/card">Pay ${money(invoice.balanceMinor, 'KES')} with Paystack</a></section>`);
  }
  const mpesa = setup.daraja ?? (shared.paymentInstructions?.mpesa?.kind && shared.paymentInstructions.mpesa.kind !== 'none' ? { kind: shared.paymentInstructions.mpesa.kind, shortcode: shared.paymentInstructions.mpesa.number ?? '' } : null);
  if (!paid && invoice.currency === 'KES' && mpesa && mpesa.shortcode) {
    ways.push(mpesa.kind === 'till'
      ? `<section><h2>Or pay by Till (Buy Goods)</h2><p>Till number <strong>${escapeHtml(mpesa.shortcode)}</strong>, amount ${money(invoice.balanceMinor, 'KES')}.</p></section>`
      : `<section><h2>Or pay by Paybill</h2><p>Business number <strong>${escapeHtml(mpesa.shortcode)}</strong><br>Account number <strong>${escapeHtml(accountReferenceFor(invoice.number))}</strong><br>Amount ${money(invoice.balanceMinor, 'KES')}</p></section>`);
  }
  const contact = [business.phone, business.email].filter(Boolean).map((c) => escapeHtml(String(c))).join(' · ');
  const flash = notice ? `<section class="note" role="status"><p>${escapeHtml(notice.text)}</p></section>` : '';
  return shell(`Invoice ${invoice.number} · ${from}`, `${head}${flash}${summary}${ways.join('')}${contact ? `<p class="muted">Questions? ${escapeHtml(from)}: ${contact}</p>` : ''}`);
}
