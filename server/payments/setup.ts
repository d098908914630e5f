// One organisation's payment setup on the Cloud: its Daraja and Paystack keys (sealed, never sent
// back), the unguessable path their callbacks arrive on, and whether customer links are on.
import crypto from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { customerLinksSchema, darajaConfigSchema, paystackConfigSchema, PaymentsSetupView } from '../../shared/cloud/payments';
import { recordAudit } from '../audit/repo';
import type { CloudContext } from '../context';
import { inOrg, type OrgTransaction } from '../db/tenant';
import type { OrgPaymentsTable } from '../db/schema';
import type { DevicePrincipal } from '../devices/service';
import { darajaToken, registerC2bUrls, type DarajaConfig } from './daraja';
import type { PaystackConfig } from './paystack';

export const hookHash = (hook: string) => crypto.createHash('sha256').update(hook).digest('hex');

export interface OrgPayments {
  orgId: string;
  hook: string;
  daraja: DarajaConfig | null;
  paystack: PaystackConfig | null;
  linksEnabled: boolean;
  linkDays: number;
}

/** An organisation's keys with the instance's default address filled in where the setup names none. */
export function effectiveDaraja(ctx: CloudContext, config: DarajaConfig): DarajaConfig {
  return { ...config, baseUrl: config.baseUrl || ctx.config.darajaBaseUrl };
}
export function effectivePaystack(ctx: CloudContext, config: PaystackConfig): PaystackConfig {
  return { ...config, baseUrl: config.baseUrl || ctx.config.paystackBaseUrl };
}

function opened(ctx: CloudContext, row: { org_id: string; daraja: string | null; paystack: string | null; hook_sealed: string; links_enabled: boolean; link_days: number }): OrgPayments {
  return {
    orgId: row.org_id,
    hook: ctx.secrets.open(row.hook_sealed),
    daraja: row.daraja ? effectiveDaraja(ctx, JSON.parse(ctx.secrets.open(row.daraja)) as DarajaConfig) : null,
    paystack: row.paystack ? effectivePaystack(ctx, JSON.parse(ctx.secrets.open(row.paystack)) as PaystackConfig) : null,
    linksEnabled: row.links_enabled,
    linkDays: row.link_days,
  };
}

/** The organisation's setup, made (with a fresh hook path) the first time it is asked for. */
export async function orgPayments(ctx: CloudContext, trx: OrgTransaction, orgId: string): Promise<OrgPayments> {
  const found = await trx.selectFrom('org_payments').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (found) return opened(ctx, found);
  const hook = crypto.randomBytes(24).toString('base64url');
  await trx.insertInto('org_payments').values({ org_id: orgId, hook_hash: hookHash(hook), hook_sealed: ctx.secrets.seal(hook), links_enabled: true, link_days: 0, updated_at: ctx.clock.now() })
    .onConflict((oc) => oc.column('org_id').doNothing()).execute();
  const row = await trx.selectFrom('org_payments').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();
  return opened(ctx, row);
}

/** The organisation a callback path belongs to (callbacks carry no sign-in: the path is the secret). */
export async function orgForHook(ctx: CloudContext, hook: string): Promise<string | null> {
  if (!/^[\w-]{20,64}$/.test(hook)) return null;
  const row = await sql<{ org_id: string }>`SELECT org_id FROM org_payments WHERE hook_hash = ${hookHash(hook)}`.execute(ctx.db);
  return row.rows[0]?.org_id ?? null;
}

export function setupView(ctx: CloudContext, setup: OrgPayments): PaymentsSetupView {
  const base = `${ctx.config.publicUrl.replace(/\/+$/, '')}/v1/hooks/${setup.hook}`;
  return {
    daraja: setup.daraja ? { set: true, shortcode: setup.daraja.shortcode, kind: setup.daraja.kind, environment: setup.daraja.environment } : null,
    paystack: setup.paystack ? { set: true, mode: setup.paystack.secretKey.startsWith('sk_live_') ? 'live' : 'test' } : null,
    callbacks: { darajaConfirmation: `${base}/mpesa/confirmation`, darajaValidation: `${base}/mpesa/validation`, darajaStk: `${base}/mpesa/stk`, paystackWebhook: `${base}/paystack` },
    links: { enabled: setup.linksEnabled, days: setup.linkDays },
  };
}

export async function readSetup(ctx: CloudContext, principal: DevicePrincipal): Promise<PaymentsSetupView> {
  return inOrg(ctx.db, principal.orgId, async (trx) => setupView(ctx, await orgPayments(ctx, trx, principal.orgId)));
}

type SetupColumns = Partial<Pick<Insertable<OrgPaymentsTable>, 'daraja' | 'paystack' | 'links_enabled' | 'link_days'>>;

/**
 * One change to the payment setup by the owner (no one else may): in the organisation's
 * transaction, with its audit line written alongside; `work` gives back what to store and answer.
 */
async function ownerChange<T>(
  ctx: CloudContext, principal: DevicePrincipal, requestId: string, audit: { action: string; details: Record<string, unknown> },
  work: (trx: OrgTransaction, setup: OrgPayments) => Promise<{ store: SetupColumns; answer: T }>,
): Promise<T> {
  if (principal.role !== 'owner') throw new AppError('forbidden', 'Only the organisation’s owner can set up how money is received (M-Pesa and Paystack keys, customer links).');
  return inOrg(ctx.db, principal.orgId, async (trx) => {
    const { store, answer } = await work(trx, await orgPayments(ctx, trx, principal.orgId));
    await trx.updateTable('org_payments').set({ ...store, updated_at: ctx.clock.now() }).where('org_id', '=', principal.orgId).execute();
    await recordAudit(trx, { orgId: principal.orgId, accountId: principal.accountId, deviceId: principal.deviceId, action: audit.action, details: audit.details, requestId, at: ctx.clock.now() });
    return answer;
  });
}

/**
 * Keeps the M-Pesa keys (sealed) after checking them with Daraja (a token), and registers the
 * Paybill/Till's confirmation and validation addresses. Keys Daraja refuses are not kept.
 */
export async function configureDaraja(ctx: CloudContext, principal: DevicePrincipal, input: z.output<typeof darajaConfigSchema>, requestId: string): Promise<PaymentsSetupView & { notice: string }> {
  const audit = { action: 'payments.daraja_configured', details: { shortcode: input.shortcode, kind: input.kind, environment: input.environment } };
  return ownerChange(ctx, principal, requestId, audit, async (trx, setup) => {
    await trx.deleteFrom('daraja_tokens').where('org_id', '=', principal.orgId).execute();
    const effective = effectiveDaraja(ctx, input);
    const token = await darajaToken(trx, principal.orgId, effective, ctx.clock.now());
    const view = setupView(ctx, { ...setup, daraja: effective });
    let notice = 'M-Pesa is set up: payment requests can be sent, and Paybill/Till payments arrive on their own.';
    try {
      await registerC2bUrls(token, effective, { confirmation: view.callbacks.darajaConfirmation, validation: view.callbacks.darajaValidation });
    } catch (error) {
      notice = `The keys work and payment requests can be sent, but M-Pesa did not take the Paybill/Till addresses (${(error as Error).message}). Save again to retry; until then, import the M-Pesa statement for payments made by Paybill.`;
    }
    return { store: { daraja: ctx.secrets.seal(JSON.stringify(input)) }, answer: { ...view, notice } };
  });
}

export async function configurePaystack(ctx: CloudContext, principal: DevicePrincipal, input: z.output<typeof paystackConfigSchema>, requestId: string): Promise<PaymentsSetupView> {
  const audit = { action: 'payments.paystack_configured', details: { mode: input.secretKey.startsWith('sk_live_') ? 'live' : 'test' } };
  return ownerChange(ctx, principal, requestId, audit, async (_trx, setup) => ({
    store: { paystack: ctx.secrets.seal(JSON.stringify(input)) },
    answer: setupView(ctx, { ...setup, paystack: effectivePaystack(ctx, input) }),
  }));
}

export async function removeProvider(ctx: CloudContext, principal: DevicePrincipal, provider: 'daraja' | 'paystack', requestId: string): Promise<PaymentsSetupView> {
  return ownerChange(ctx, principal, requestId, { action: `payments.${provider}_removed`, details: {} }, async (trx, setup) => {
    if (provider === 'daraja') await trx.deleteFrom('daraja_tokens').where('org_id', '=', principal.orgId).execute();
    return { store: { [provider]: null }, answer: setupView(ctx, { ...setup, [provider]: null }) };
  });
}

export async function configureLinks(ctx: CloudContext, principal: DevicePrincipal, input: z.output<typeof customerLinksSchema>, requestId: string): Promise<PaymentsSetupView> {
  return ownerChange(ctx, principal, requestId, { action: 'payments.links_changed', details: input }, async (_trx, setup) => ({
    store: { links_enabled: input.enabled, link_days: input.days },
    answer: setupView(ctx, { ...setup, linksEnabled: input.enabled, linkDays: input.days }),
  }));
}
