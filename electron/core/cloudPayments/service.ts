// Getting paid through Billbook Cloud, from this computer: the setup and the requests go to the
// Cloud (it holds the M-Pesa and Paystack keys and hears back from them); what the Cloud records
// comes back by sync like any other change, so the invoice shows paid on every computer.
import type { z } from 'zod';
import { paymentRequestStatus, type customerLinksSchema, type darajaConfigSchema, type PaymentRequestView, type PaymentsSetupView, type paystackConfigSchema, type paystackLinkSchema, type stkRequestSchema } from '../../../shared/cloud/payments';
import type { InvoiceGettingPaid, InvoicePaymentRequest } from '../../../shared/channels/cloudPayments';
import type { CoreContext } from '../context';
import { recordMutation } from '../audit/record';
import { ensureShareToken } from '../invoices/repo';
import { renderInvoicePdf } from '../pdf/service';
import type { CloudAccount } from '../sync/account';
import { invoiceLink, rememberLinkSetup } from './link';

interface RequestRow {
  id: string; kind: string; invoice_id: string; phone: string; amount_minor: number; currency: string; status: string; result_text: string;
  url: string; requested_by: string; created_at: string; updated_at: string;
}

function requestOf(row: RequestRow): InvoicePaymentRequest {
  return {
    id: row.id, kind: row.kind === 'paystack' ? 'paystack' : 'stk', invoiceId: row.invoice_id,
    status: paymentRequestStatus(row.status),
    resultText: row.result_text, url: row.url, phone: row.phone, amountMinor: row.amount_minor, currency: row.currency,
    requestedBy: row.requested_by, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export interface CloudPayments {
  setup(): Promise<PaymentsSetupView>;
  configureDaraja(input: z.output<typeof darajaConfigSchema>): Promise<PaymentsSetupView & { notice: string }>;
  configurePaystack(input: z.output<typeof paystackConfigSchema>): Promise<PaymentsSetupView>;
  configureLinks(input: z.output<typeof customerLinksSchema>): Promise<PaymentsSetupView>;
  remove(provider: 'daraja' | 'paystack'): Promise<PaymentsSetupView>;
  requestMpesa(input: z.output<typeof stkRequestSchema>): Promise<PaymentRequestView>;
  paystackLink(input: z.output<typeof paystackLinkSchema>): Promise<PaymentRequestView>;
  forInvoice(invoiceId: string): InvoiceGettingPaid;
  shareInvoice(invoiceId: string): Promise<InvoiceGettingPaid>;
}

/** Gives an older final invoice its link, as a change that syncs like any other. */
function giveLink(ctx: CoreContext, invoiceId: string): void {
  ctx.sql.transaction(() => {
    const before = ctx.sql.prepare("SELECT number FROM invoices WHERE id = ? AND share_token IS NULL AND status NOT IN ('draft', 'void')").get(invoiceId) as { number: string } | undefined;
    if (!before) return;
    ensureShareToken(ctx.sql, invoiceId);
    recordMutation(ctx, { entity: 'invoice', entityId: invoiceId, mutation: 'invoices.share', action: 'shared', summary: `Link for the customer made for ${before.number}`, args: { invoiceId } });
  });
}

export function createCloudPayments(ctx: CoreContext, account: CloudAccount): CloudPayments {
  // Requests name invoices the Cloud must already hold: push what waits first, so a just-finalized invoice is there.
  const syncFirst = async () => {
    await ctx.sync?.syncNow().catch(() => undefined);
  };
  // Messages and PDFs made later, even offline, follow the owner's link settings as last seen.
  const remembered = async <T extends PaymentsSetupView>(answer: Promise<T>): Promise<T> => {
    const setup = await answer;
    rememberLinkSetup(ctx.sql, setup);
    return setup;
  };
  const forInvoice = (invoiceId: string): InvoiceGettingPaid => {
    const rows = ctx.sql
      .prepare(`SELECT id, kind, invoice_id, phone, amount_minor, currency, status, result_text, url, requested_by, created_at, updated_at
                FROM payment_requests WHERE invoice_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 20`)
      .all(invoiceId) as RequestRow[];
    return { ...invoiceLink(ctx, invoiceId), requests: rows.map(requestOf) };
  };
  return {
    setup: () => remembered(account.request<PaymentsSetupView>('GET', '/v1/payments/setup')),
    configureDaraja: (input) => remembered(account.request<PaymentsSetupView & { notice: string }>('PUT', '/v1/payments/setup/daraja', { body: input })),
    configurePaystack: (input) => remembered(account.request<PaymentsSetupView>('PUT', '/v1/payments/setup/paystack', { body: input })),
    configureLinks: (input) => remembered(account.request<PaymentsSetupView>('PUT', '/v1/payments/setup/links', { body: input })),
    remove: (provider) => remembered(account.request<PaymentsSetupView>('DELETE', `/v1/payments/setup/${provider}`)),
    async requestMpesa(input) {
      await syncFirst();
      const view = await account.request<PaymentRequestView>('POST', '/v1/payments/stk', { body: input });
      await syncFirst();
      return view;
    },
    async paystackLink(input) {
      await syncFirst();
      const view = await account.request<PaymentRequestView>('POST', '/v1/payments/paystack-link', { body: input });
      await syncFirst();
      return view;
    },
    forInvoice,
    async shareInvoice(invoiceId) {
      if (account.cloudUrl()) giveLink(ctx, invoiceId);
      const answer = forInvoice(invoiceId);
      if (!answer.link) return answer;
      await syncFirst();
      const pdf = await renderInvoicePdf(ctx, invoiceId);
      await account.request('PUT', `/v1/payments/invoices/${encodeURIComponent(invoiceId)}/pdf`, { raw: { contentType: 'application/pdf', bytes: pdf.bytes } });
      return answer;
    },
  };
}
