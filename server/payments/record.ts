// Money the Cloud receives becomes a fact in the organisation's books, written the way a device's
// push is (rows in sync_rows at new organisation versions, numbers in sync_numbers, a poke), so it
// syncs to every computer like any payment: recorded once per receipt however often it is reported,
// allocated to its invoice (the customer's oldest unpaid ones when that one is already settled),
// with the rest kept as the customer's credit; or, when no invoice can be told, left in the
// Unmatched inbox.
import { sql } from 'kysely';
import { v7 } from 'uuid';
import { accountMatch, alnumKey, digitsKey } from '../../shared/payments/accountReference';
import type { SyncData, SyncRow } from '../../shared/sync/tables';
import type { CloudContext } from '../context';
import type { OrgTransaction } from '../db/tenant';
import { POKE_CHANNEL } from '../sync/pokes';

let counter = 0;
/** The Cloud's own clock stamps: its time, a counter, and "cloud" where a device puts its id. */
export function cloudStamp(at: Date): string {
  counter = (counter + 1) % 0x10000;
  return `${at.toISOString()}-${counter.toString(16).padStart(4, '0')}-cloud`;
}

/** Writes rows as the Cloud's own changes: new organisation versions, numbers held, devices poked. */
export async function writeCloudRows(trx: OrgTransaction, orgId: string, rows: SyncRow[], numbers: { kind: string; number: string; rowId: string }[] = []): Promise<number> {
  const org = await sql<{ version: number }>`SELECT version FROM orgs WHERE id = ${orgId} FOR UPDATE`.execute(trx);
  let version = Number(org.rows[0]?.version ?? 0);
  if (rows.length > 0) {
    const versions = rows.map((_, i) => version + i + 1);
    version += rows.length;
    await sql`
      INSERT INTO sync_rows (org_id, tbl, row_id, data, stamps, version, changed_by)
      SELECT ${orgId}::uuid, k.tbl, k.row_id, k.data::jsonb, k.stamps::jsonb, k.version, NULL
      FROM unnest(${rows.map((r) => r.table)}::text[], ${rows.map((r) => r.id)}::text[], ${rows.map((r) => JSON.stringify(r.data))}::text[],
                  ${rows.map((r) => JSON.stringify(r.stamps))}::text[], ${versions}::bigint[]) AS k(tbl, row_id, data, stamps, version)
      ON CONFLICT (org_id, tbl, row_id) DO UPDATE SET data = EXCLUDED.data, stamps = EXCLUDED.stamps, version = EXCLUDED.version, changed_by = NULL`.execute(trx);
    await sql`UPDATE orgs SET version = ${version} WHERE id = ${orgId}`.execute(trx);
    await sql`SELECT pg_notify(${POKE_CHANNEL}, ${`${orgId}:${version}`})`.execute(trx);
  }
  if (numbers.length > 0) {
    await sql`
      INSERT INTO sync_numbers (org_id, kind, number, row_id)
      SELECT ${orgId}::uuid, k.kind, k.number, k.row_id FROM unnest(${numbers.map((n) => n.kind)}::text[], ${numbers.map((n) => n.number)}::text[], ${numbers.map((n) => n.rowId)}::text[]) AS k(kind, number, row_id)`.execute(trx);
  }
  return version;
}

export async function heldRow(trx: OrgTransaction, orgId: string, table: string, id: string): Promise<SyncRow | null> {
  const { rows } = await sql<{ data: SyncData; stamps: Record<string, string> }>`SELECT data, stamps FROM sync_rows WHERE org_id = ${orgId} AND tbl = ${table} AND row_id = ${id}`.execute(trx);
  return rows[0] ? { table: table as SyncRow['table'], id, data: rows[0].data, stamps: rows[0].stamps } : null;
}

export async function settingsSection<T>(trx: OrgTransaction, orgId: string, section: string): Promise<T | null> {
  const row = await heldRow(trx, orgId, 'settings', section);
  if (!row || typeof row.data.value !== 'string') return null;
  try {
    return JSON.parse(row.data.value) as T;
  } catch {
    return null;
  }
}

export interface OpenInvoice {
  id: string;
  number: string;
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  totalMinor: number;
  balanceMinor: number;
}

/**
 * Final invoices and what is still owed on each, from the rows the Cloud holds. The computers work
 * out settlement exactly (an allocation settles no more than is owed); this is the same sum, enough
 * to decide where money the Cloud receives goes.
 */
export async function invoicesWithBalance(trx: OrgTransaction, orgId: string, where: { customerId?: string; invoiceIds?: string[] }): Promise<OpenInvoice[]> {
  const { rows } = await sql<{ id: string; number: string; customer_id: string; currency: string; issue_date: string; due_date: string; total: number; paid: number; credited: number }>`
    SELECT i.row_id AS id, i.data->>'number' AS number, i.data->>'customer_id' AS customer_id, i.data->>'currency' AS currency,
      i.data->>'issue_date' AS issue_date, i.data->>'due_date' AS due_date, (i.data->>'total_minor')::bigint AS total,
      coalesce((SELECT sum((a.data->>'amount_minor')::bigint) FROM sync_rows a
        WHERE a.org_id = i.org_id AND a.tbl = 'payment_allocations' AND a.data->>'invoice_id' = i.row_id AND a.data->>'reversed_at' IS NULL), 0) AS paid,
      coalesce((SELECT sum((c.data->>'amount_minor')::bigint) FROM sync_rows c
        WHERE c.org_id = i.org_id AND c.tbl = 'credit_notes' AND c.data->>'invoice_id' = i.row_id AND c.data->>'deleted_at' IS NULL), 0) AS credited
    FROM sync_rows i
    WHERE i.org_id = ${orgId} AND i.tbl = 'invoices' AND i.data->>'lifecycle' = 'final'
      AND (${where.customerId ?? null}::text IS NULL OR i.data->>'customer_id' = ${where.customerId ?? null})
      AND (${where.invoiceIds ?? null}::text[] IS NULL OR i.row_id = ANY(${where.invoiceIds ?? null}::text[]))
    ORDER BY i.data->>'due_date', i.row_id`.execute(trx);
  return rows.map((r) => ({
    id: r.id, number: r.number, customerId: r.customer_id, currency: r.currency, issueDate: r.issue_date, dueDate: r.due_date,
    totalMinor: Number(r.total), balanceMinor: Math.max(0, Number(r.total) - Number(r.paid) - Number(r.credited)),
  }));
}

/** The invoice a typed account names, when exactly one final invoice answers to it best. */
export async function invoiceForAccount(trx: OrgTransaction, orgId: string, typed: string): Promise<string | null> {
  const alnum = alnumKey(typed);
  const digits = digitsKey(typed);
  if (alnum === '') return null;
  const { rows } = await sql<{ row_id: string; number: string }>`
    SELECT row_id, number FROM sync_numbers
    WHERE org_id = ${orgId} AND kind = 'invoices' AND (alnum_key = ${alnum} OR (${digits} <> '' AND digits_key = ${digits}) OR alnum_key LIKE ${`%${alnum}`})
    LIMIT 20`.execute(trx);
  const lastGroup = (typed.match(/[0-9]+/g) ?? []).at(-1)?.replace(/^0+(?=\d)/, '');
  if (rows.length === 0 && lastGroup) {
    // Typed with the zeros dropped inside ("inv 2026 1"): numbers ending in that group, scored below.
    const ending = await sql<{ row_id: string; number: string }>`
      SELECT row_id, number FROM sync_numbers
      WHERE org_id = ${orgId} AND kind = 'invoices' AND number ~ ${`(^|[^0-9])0*${lastGroup}$`}
      LIMIT 200`.execute(trx);
    rows.push(...ending.rows);
  }
  const scored = rows.map((r) => ({ id: r.row_id, score: accountMatch(typed, r.number) })).filter((r) => r.score > 0).sort((a, b) => b.score - a.score);
  if (scored.length === 0) return null;
  if (scored.length > 1 && scored[1]!.score === scored[0]!.score) return null;
  return scored[0]!.id;
}

async function nextCloudNumber(trx: OrgTransaction, orgId: string, name: string): Promise<number> {
  const { rows } = await sql<{ next_value: number }>`
    INSERT INTO cloud_sequences (org_id, name, next_value) VALUES (${orgId}, ${name}, 2)
    ON CONFLICT (org_id, name) DO UPDATE SET next_value = cloud_sequences.next_value + 1
    RETURNING next_value`.execute(trx);
  return Number(rows[0]!.next_value) - 1;
}

export interface Incoming {
  source: 'mpesa_stk' | 'mpesa_c2b' | 'paystack';
  receipt: string;
  amountMinor: number;
  currency: string;
  payerPhone: string;
  payerName: string;
  accountReference: string;
  paidAt: Date;
  /** Known for a prompt or a link made from an invoice; else read from the account typed. */
  invoiceId?: string;
  method: 'mpesa' | 'card';
  label: string;
}

export type RecordOutcome = { kind: 'duplicate' } | { kind: 'unmatched'; incomingId: string } | { kind: 'recorded'; incomingId: string; paymentId: string; number: string; invoiceNumbers: string[] };

/** Nairobi's calendar date of an instant: the business date a payment is on. */
export const nairobiDate = (at: Date) => new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);

export async function recordIncoming(ctx: CloudContext, trx: OrgTransaction, orgId: string, money: Incoming): Promise<RecordOutcome> {
  const now = ctx.clock.now();
  await sql`SELECT id FROM orgs WHERE id = ${orgId} FOR UPDATE`.execute(trx);
  const seen = await sql<{ n: number }>`SELECT 1 AS n FROM sync_numbers WHERE org_id = ${orgId} AND kind = 'incoming_payments' AND number = ${money.receipt}`.execute(trx);
  if (seen.rows.length > 0) return { kind: 'duplicate' };
  const stamp = cloudStamp(now);
  const incomingId = v7();
  const invoiceId = money.invoiceId ?? (await invoiceForAccount(trx, orgId, money.accountReference));
  const target = invoiceId ? (await invoicesWithBalance(trx, orgId, { invoiceIds: [invoiceId] }))[0] : undefined;
  const customer = target ? await heldRow(trx, orgId, 'customers', target.customerId) : null;
  const incoming = (status: string, extra: SyncData): SyncRow => ({
    table: 'incoming_payments', id: incomingId, stamps: { '*': stamp },
    data: {
      source: money.source, receipt: money.receipt, amount_minor: money.amountMinor, currency: money.currency, payer_phone: money.payerPhone,
      payer_name: money.payerName, account_reference: money.accountReference, paid_at: money.paidAt.toISOString(), customer_id: target?.customerId ?? null,
      invoice_id: target?.id ?? null, status, payment_id: null, note: '', created_at: now.toISOString(), ...extra,
    },
  });
  if (!target || !customer || customer.data.currency !== money.currency) {
    await writeCloudRows(trx, orgId, [incoming('unmatched', {})], [{ kind: 'incoming_payments', number: money.receipt, rowId: incomingId }]);
    return { kind: 'unmatched', incomingId };
  }
  const paidOn = nairobiDate(money.paidAt);
  const open = await invoicesWithBalance(trx, orgId, { customerId: target.customerId });
  // Its own invoice first; when that is settled, the customer's oldest unpaid ones; the rest is credit.
  const order = [target, ...open.filter((i) => i.id !== target.id && i.currency === money.currency)];
  let left = money.amountMinor;
  const paymentId = v7();
  const number = `PAY-${paidOn.slice(0, 4)}-CLOUD-${String(await nextCloudNumber(trx, orgId, `payment:${paidOn.slice(0, 4)}`)).padStart(4, '0')}`;
  const rows: SyncRow[] = [];
  const invoiceNumbers: string[] = [];
  for (const invoice of order) {
    if (left === 0) break;
    const take = Math.min(left, invoice.balanceMinor);
    if (take <= 0) continue;
    left -= take;
    invoiceNumbers.push(invoice.number);
    rows.push({
      table: 'payment_allocations', id: v7(), stamps: { '*': stamp },
      data: { payment_id: paymentId, invoice_id: invoice.id, amount_minor: take, allocated_on: paidOn < invoice.issueDate ? invoice.issueDate : paidOn, from_credit: 0, created_at: now.toISOString(), reversed_at: null, reversed_on: null },
    });
  }
  const how = money.label;
  rows.unshift({
    table: 'payments', id: paymentId, stamps: { '*': stamp },
    data: {
      number, customer_id: target.customerId, amount_minor: money.amountMinor, currency: money.currency, paid_on: paidOn, method: money.method, reference: money.receipt,
      notes: `${how}${money.payerName ? ` from ${money.payerName}` : ''}${money.payerPhone ? ` (${money.payerPhone})` : ''}`, status: 'completed', reversed_at: null, reversal_reason: null, created_at: now.toISOString(),
    },
  });
  rows.push(incoming('recorded', { payment_id: paymentId }));
  rows.push({
    table: 'audit_log', id: v7(), stamps: { '*': stamp },
    data: {
      at: now.toISOString(), entity: 'customer', entity_id: target.customerId, action: 'payment_received',
      summary: `${number}: ${(money.amountMinor / 100).toLocaleString('en-KE', { minimumFractionDigits: 2 })} ${money.currency} received by ${how} (${money.receipt})${invoiceNumbers.length ? ` for ${invoiceNumbers.join(', ')}` : ', kept as credit'}`,
      details: '{}', actor: 'Billbook Cloud', device_name: '',
    },
  });
  await writeCloudRows(trx, orgId, rows, [
    { kind: 'payments', number, rowId: paymentId },
    { kind: 'incoming_payments', number: money.receipt, rowId: incomingId },
  ]);
  return { kind: 'recorded', incomingId, paymentId, number, invoiceNumbers };
}
