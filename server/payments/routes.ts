import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { customerLinksSchema, darajaConfigSchema, paystackConfigSchema, paystackLinkSchema, stkRequestSchema } from '../../shared/cloud/payments';
import { AppError } from '../../shared/errors';
import type { CloudContext } from '../context';
import { inOrg } from '../db/tenant';
import { authenticateDevice, requireAction } from '../devices/service';
import { bearer } from '../http/auth';
import { parse } from '../http/errors';
import { hit } from '../http/rateLimit';
import { gonePage, invoicePage, logView, sharedInvoice, type SharedInvoice } from './customerPage';
import { onC2bConfirmation, onPaystackWebhook, onStkCallback, paystackLink, pollPendingStk, requestStk } from './requests';
import { configureDaraja, configureLinks, configurePaystack, orgForHook, readSetup, removeProvider } from './setup';

/** A PDF the app uploads for an invoice's customer page. */
const PDF_LIMIT = 5 * 1024 * 1024;

/** Payment setup and requests (devices), Daraja and Paystack callbacks (by secret path), and the customer's page. */
export function paymentRoutes(app: FastifyInstance, ctx: CloudContext): void {
  const device = (request: FastifyRequest) => authenticateDevice(ctx, bearer(request));

  app.get('/v1/payments/setup', async (request) => {
    const principal = await device(request);
    requireAction(principal, 'books.read');
    return readSetup(ctx, principal);
  });
  app.put('/v1/payments/setup/daraja', async (request) => configureDaraja(ctx, await device(request), parse(darajaConfigSchema, request.body, 'M-Pesa setup'), request.id));
  app.put('/v1/payments/setup/paystack', async (request) => configurePaystack(ctx, await device(request), parse(paystackConfigSchema, request.body, 'Paystack setup'), request.id));
  app.put('/v1/payments/setup/links', async (request) => configureLinks(ctx, await device(request), parse(customerLinksSchema, request.body, 'customer links'), request.id));
  app.delete('/v1/payments/setup/:provider', async (request) => {
    const { provider } = parse(z.object({ provider: z.enum(['daraja', 'paystack']) }), request.params);
    return removeProvider(ctx, await device(request), provider, request.id);
  });

  app.post('/v1/payments/stk', async (request) => {
    const principal = await device(request);
    requireAction(principal, 'invoices.send');
    const input = parse(stkRequestSchema, request.body, 'payment request');
    return requestStk(ctx, principal.orgId, { ...input, requestedBy: principal.accountName || principal.accountEmail });
  });
  app.post('/v1/payments/paystack-link', async (request) => {
    const principal = await device(request);
    requireAction(principal, 'invoices.send');
    const input = parse(paystackLinkSchema, request.body, 'payment link');
    return paystackLink(ctx, principal.orgId, { ...input, requestedBy: principal.accountName || principal.accountEmail });
  });

  // Raw bodies in here: Paystack's signature is over the exact bytes, and Daraja's JSON is read by zod after.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_HOOKS }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: PDF_LIMIT }, (_request, body, done) => done(null, body));

    const json = (body: unknown): unknown => {
      try {
        return JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '');
      } catch {
        return null;
      }
    };
    const orgOf = async (hook: string) => {
      const orgId = await orgForHook(ctx, hook);
      if (!orgId) throw new AppError('not_found', 'Billbook Cloud has nothing at this address.');
      return orgId;
    };

    scope.post('/v1/hooks/:hook/mpesa/stk', async (request) => {
      const { hook } = parse(z.object({ hook: z.string() }), request.params);
      await onStkCallback(ctx, await orgOf(hook), json(request.body));
      return { ResultCode: 0, ResultDesc: 'Accepted' };
    });
    // Billbook takes every payment: one it cannot place goes to the Unmatched inbox rather than back to the customer.
    scope.post('/v1/hooks/:hook/mpesa/validation', async (request) => {
      const { hook } = parse(z.object({ hook: z.string() }), request.params);
      await orgOf(hook);
      return { ResultCode: '0', ResultDesc: 'Accepted' };
    });
    scope.post('/v1/hooks/:hook/mpesa/confirmation', async (request) => {
      const { hook } = parse(z.object({ hook: z.string() }), request.params);
      await onC2bConfirmation(ctx, await orgOf(hook), json(request.body));
      return { ResultCode: 0, ResultDesc: 'Success' };
    });
    scope.post('/v1/hooks/:hook/paystack', async (request) => {
      const { hook } = parse(z.object({ hook: z.string() }), request.params);
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['x-paystack-signature'];
      await onPaystackWebhook(ctx, await orgOf(hook), raw, typeof signature === 'string' ? signature : undefined);
      return { ok: true };
    });

    scope.put('/v1/payments/invoices/:invoiceId/pdf', async (request, reply) => {
      const principal = await device(request);
      requireAction(principal, 'invoices.send');
      const { invoiceId } = parse(z.object({ invoiceId: z.string().min(1).max(100) }), request.params);
      const pdf = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('invalid_input', 'That is not a PDF.');
      await inOrg(ctx.db, principal.orgId, (trx) => trx.insertInto('invoice_pdfs').values({ org_id: principal.orgId, invoice_id: invoiceId, pdf, uploaded_at: ctx.clock.now() })
        .onConflict((oc) => oc.columns(['org_id', 'invoice_id']).doUpdateSet({ pdf, uploaded_at: ctx.clock.now() })).execute());
      reply.code(204);
    });
  });

  // The customer's page. HTML answers only; a wrong or switched-off link says so in words.
  const tokenParams = z.object({ token: z.string().max(100) });
  /** The invoice behind the link, or null once the page saying why there is none has been sent. */
  const opened = async (request: FastifyRequest, reply: FastifyReply): Promise<{ token: string; shared: SharedInvoice } | null> => {
    const { token } = parse(tokenParams, request.params);
    const found = await sharedInvoice(ctx, token);
    reply.type('text/html; charset=utf-8');
    if (found.kind === 'found') return { token, shared: found.shared };
    void reply.code(404).send(gonePage(found.message));
    return null;
  };

  app.get('/p/:token', async (request, reply) => {
    const link = await opened(request, reply);
    if (!link) return reply;
    await logView(ctx, link.shared);
    const query = request.query as Record<string, string | undefined>;
    const notice = query.sent ? { text: 'Check your phone: enter your M-Pesa PIN to pay. This page shows the payment once M-Pesa confirms it (reload in a minute).', kind: 'ok' as const }
      : query.reference || query.trxref ? { text: 'Thank you. Paystack is confirming the payment; reload this page in a minute to see it.', kind: 'ok' as const } : null;
    return invoicePage(link.token, link.shared, notice);
  });
  app.post('/p/:token/mpesa', async (request, reply) => {
    const link = await opened(request, reply);
    if (!link) return reply;
    const phone = typeof (request.body as { phone?: unknown } | null)?.phone === 'string' ? (request.body as { phone: string }).phone : '';
    try {
      // A link is public: a handful of prompts per invoice per quarter hour, so it cannot be used to ring phones.
      await hit(ctx, `stk-link:${link.shared.invoiceId}`, 5, 15 * 60_000, 'payment requests for this invoice');
      await requestStk(ctx, link.shared.orgId, { invoiceId: link.shared.invoiceId, phone, requestedBy: 'Customer (invoice link)' });
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'M-Pesa could not be asked just now. Try again in a minute, or pay by Paybill below.';
      return reply.code(error instanceof AppError && error.code === 'invalid_input' ? 400 : 503).send(invoicePage(link.token, link.shared, { text: message, kind: 'problem' }));
    }
    return reply.code(303).header('location', `/p/${link.token}?sent=1`).send();
  });
  app.get('/p/:token/card', async (request, reply) => {
    const link = await opened(request, reply);
    if (!link) return reply;
    try {
      await hit(ctx, `paystack-link:${link.shared.invoiceId}`, 10, 15 * 60_000, 'payment links for this invoice');
      const made = await paystackLink(ctx, link.shared.orgId, { invoiceId: link.shared.invoiceId, requestedBy: 'Customer (invoice link)', returnUrl: `${ctx.config.publicUrl.replace(/\/+$/, '')}/p/${link.token}` });
      return reply.code(303).header('location', made.url).send();
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'Paystack could not be reached just now. Try again in a minute.';
      return reply.code(503).send(invoicePage(link.token, link.shared, { text: message, kind: 'problem' }));
    }
  });
  app.get('/p/:token/pdf', async (request, reply) => {
    const link = await opened(request, reply);
    if (!link) return reply;
    const { orgId, invoiceId, invoice } = link.shared;
    const pdf = await inOrg(ctx.db, orgId, (trx) => trx.selectFrom('invoice_pdfs').select('pdf').where('invoice_id', '=', invoiceId).executeTakeFirst());
    if (!pdf) return reply.code(404).send(gonePage('The PDF of this invoice is not on Billbook Cloud yet. Ask the business to send it again.'));
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${invoice.number.replace(/[^\w.-]/g, '_')}.pdf"`).send(pdf.pdf);
  });
}

const BODY_LIMIT_HOOKS = 64 * 1024;

/** Asks Daraja about prompts with no answer, every few seconds, until the app closes. */
export function startPaymentPoller(ctx: CloudContext, everyMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    pollPendingStk(ctx).catch(() => undefined).finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
