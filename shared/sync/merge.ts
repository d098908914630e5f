// How two versions of one synced row become one, the same on every device and on the Cloud
// (server/PROTOCOL.md): per field or per row by the later stamp, and for facts only the forward
// transitions the books allow. Also what each change needs the person's role to allow.
import type { Action } from '../permissions';
import { ETIMS_RECEIPT_COLUMNS, SYNCED_TABLES, type InvoiceLifecycle, type SyncData, type SyncRow, type SyncStamps } from './tables';

export interface Refusal {
  code: 'forbidden' | 'immutable' | 'finalized_elsewhere' | 'voided_elsewhere' | 'number_taken' | 'invalid' | 'unknown_mutation' | 'too_old';
  message: string;
}

export type MergeOutcome =
  /**
   * Nothing to store: the incoming row is what is held, or older than it. `kept`: the sender holds
   * something else (a later reversal of the same payment) and must take the row held here.
   */
  | { kind: 'same'; actions: Action[]; kept?: Refusal }
  | { kind: 'store'; row: SyncRow; actions: Action[] }
  | { kind: 'refused'; refusal: Refusal; actions: Action[] }
  /** Finalized offline on two devices: the incoming final is kept as its own invoice (`copy`). */
  | { kind: 'split'; copy: SyncRow; actions: Action[] };

/** The stamp of one field: its own, else the row's. */
export function stampOf(stamps: SyncStamps, field: string): string {
  return stamps[field] ?? stamps['*'] ?? '';
}

/** The newest stamp a row carries. */
export function newestStamp(stamps: SyncStamps): string {
  let newest = '';
  for (const stamp of Object.values(stamps)) if (stamp > newest) newest = stamp;
  return newest;
}

/** JSON with keys in one order: PostgreSQL's jsonb hands a row's lines back with its keys reordered. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function sameData(a: SyncData, b: SyncData, fields: readonly string[]): boolean {
  return fields.every((f) => !(f in b) || same(a[f], b[f]));
}

const LIFECYCLE_RANK: Record<InvoiceLifecycle, number> = { draft: 0, final: 1, void: 2 };
const lifecycleOf = (data: SyncData): InvoiceLifecycle => (data.lifecycle === 'final' || data.lifecycle === 'void' ? data.lifecycle : 'draft');
const invoiceName = (data: SyncData) => (typeof data.number === 'string' && data.number ? data.number : 'This draft');

const ETIMS_FIELDS: readonly string[] = ETIMS_RECEIPT_COLUMNS;

/** Content of an invoice that never changes once final (KRA's answer is added once, apart). */
const INVOICE_FINAL_FIELDS = SYNCED_TABLES.invoices.columns.filter((c) => !['lifecycle', 'voided_at', 'void_reason', 'duplicate_of', 'share_token', ...ETIMS_FIELDS].includes(c));
/** A credit note's content, which never changes. */
const CREDIT_NOTE_FIELDS = SYNCED_TABLES.credit_notes.columns.filter((c) => !ETIMS_FIELDS.includes(c));

const signedByKra = (data: SyncData) => typeof data.etims_signature === 'string' && data.etims_signature !== '';

/**
 * KRA's answer on a final document is a one-way addition, like a void: once there it never changes.
 * 'add' when the incoming version brings it, 'conflict' when it brings a different one.
 */
function etimsAddition(current: SyncData, incoming: SyncData): 'add' | 'conflict' | null {
  if (!signedByKra(incoming)) return null;
  if (!signedByKra(current)) return 'add';
  return sameData(current, incoming, ETIMS_FIELDS) ? null : 'conflict';
}

const ETIMS_CONFLICT: Refusal = {
  code: 'immutable',
  message: 'KRA eTIMS already signed this document with another signature; its eTIMS details never change. Check which computer transmits for the branch (Settings → eTIMS).',
};

function withEtims(data: SyncData, incoming: SyncData): SyncData {
  const out = { ...data };
  for (const field of ETIMS_FIELDS) if (field in incoming) out[field] = incoming[field]!;
  return out;
}

function createActions(row: SyncRow): Action[] {
  switch (row.table) {
    case 'customers': case 'items': return ['customers.write'];
    case 'invoices': {
      const lifecycle = lifecycleOf(row.data);
      return lifecycle === 'draft' ? ['drafts.write'] : lifecycle === 'final' ? ['invoices.finalize'] : ['invoices.finalize', 'invoices.void'];
    }
    case 'draft_versions': return ['drafts.write'];
    case 'payments': return row.data.status === 'reversed' ? ['payments.record', 'payments.reverse'] : ['payments.record'];
    case 'payment_allocations': return row.data.reversed_at ? ['payments.record', 'payments.reverse'] : ['payments.record'];
    case 'credit_notes': return ['creditNotes.create'];
    case 'settings': return ['settings.write'];
    case 'saved_reports': return ['reports.write'];
    case 'notifications': return [];
    case 'incoming_payments': return ['payments.record'];
    case 'payment_requests': return ['payments.record'];
    case 'audit_log': return [];
    // Issuing a numbered quote is like finalizing; deciding and converting are drafting work.
    case 'quotes': return row.data.state !== 'sent' || row.data.invoice_id ? ['invoices.finalize', 'drafts.write'] : ['invoices.finalize'];
    // Money going back out is the accountant's (and the owner's and admins'), like a reversal.
    case 'refunds': return ['payments.reverse'];
    // A schedule that finalizes and sends on its own does what finalizing and sending need.
    case 'recurring_schedules': return row.data.action === 'send' ? ['drafts.write', 'invoices.finalize', 'invoices.send'] : ['drafts.write'];
    case 'recurring_runs': return ['drafts.write'];
  }
}

function mergeFields(current: SyncRow, incoming: SyncRow): SyncRow | null {
  const data: SyncData = { ...current.data };
  const stamps: SyncStamps = { ...current.stamps };
  let changed = false;
  for (const [field, value] of Object.entries(incoming.data)) {
    const theirs = stampOf(incoming.stamps, field);
    if (theirs <= stampOf(current.stamps, field)) continue;
    // A customer code, once given, is the customer's for good.
    if (field === 'code' && typeof current.data.code === 'string' && current.data.code !== '') continue;
    if (!same(data[field], value)) changed = true;
    data[field] = value;
    if (theirs === stamps['*']) delete stamps[field];
    else stamps[field] = theirs;
    changed = true;
  }
  return changed ? { ...current, data, stamps } : null;
}

function mergeWholeRow(current: SyncRow, incoming: SyncRow): SyncRow | null {
  if (newestStamp(incoming.stamps) <= newestStamp(current.stamps)) return null;
  // Fields the incoming row does not know (a newer release's) are kept.
  return { ...current, data: { ...current.data, ...incoming.data }, stamps: { '*': newestStamp(incoming.stamps) } };
}

function mergeInvoice(current: SyncRow, incoming: SyncRow): MergeOutcome {
  const from = lifecycleOf(current.data);
  const to = lifecycleOf(incoming.data);
  const stamp = newestStamp(incoming.stamps) > newestStamp(current.stamps) ? newestStamp(incoming.stamps) : newestStamp(current.stamps);
  if (from === 'draft') {
    // A finalize is a fact: it wins over an edit to the draft, whatever their stamps.
    if (to !== 'draft') return { kind: 'store', row: { ...current, data: { ...current.data, ...incoming.data }, stamps: { '*': stamp } }, actions: createActions(incoming) };
    const merged = mergeWholeRow(current, incoming);
    return merged ? { kind: 'store', row: merged, actions: ['drafts.write'] } : { kind: 'same', actions: [] };
  }
  if (to === 'draft') {
    return {
      kind: 'refused', actions: ['drafts.write'],
      refusal: from === 'void'
        ? { code: 'voided_elsewhere', message: `${invoiceName(current.data)} was voided on another device before this change to its draft arrived. The change is kept in the draft’s version history.` }
        : { code: 'finalized_elsewhere', message: `${invoiceName(current.data)} was finalized on another device before this change to its draft arrived. The change is kept in the draft’s version history; issue a credit note to correct the invoice.` },
    };
  }
  if (current.data.number !== incoming.data.number && typeof incoming.data.number === 'string' && incoming.data.number !== '') {
    // The same draft finalized offline on two devices: both numbers were issued (one may be on a PDF
    // a customer holds), so the second is kept as an invoice of its own, flagged for the accountant.
    return {
      kind: 'split', actions: createActions(incoming),
      copy: { table: 'invoices', id: splitInvoiceId(incoming.id, incoming.data.number), data: { ...incoming.data, duplicate_of: incoming.id }, stamps: { '*': newestStamp(incoming.stamps) } },
    };
  }
  if (!sameData(current.data, incoming.data, INVOICE_FINAL_FIELDS)) {
    return { kind: 'refused', actions: [], refusal: { code: 'immutable', message: `${invoiceName(current.data)} is final; its lines, amounts and dates never change. Issue a credit note to correct it.` } };
  }
  const etims = etimsAddition(current.data, incoming.data);
  if (etims === 'conflict') return { kind: 'refused', actions: [], refusal: ETIMS_CONFLICT };
  const voiding = LIFECYCLE_RANK[to] > LIFECYCLE_RANK[from];
  // A final invoice gets its customer link once (invoices finalized before links had none).
  const linking = !current.data.share_token && typeof incoming.data.share_token === 'string' && incoming.data.share_token !== '';
  if (!voiding && etims === null && !linking) return { kind: 'same', actions: [] };
  // final -> void, KRA's answer and the customer link: only their own fields move.
  let data = current.data;
  if (voiding) data = { ...data, lifecycle: 'void', voided_at: incoming.data.voided_at ?? null, void_reason: incoming.data.void_reason ?? null };
  if (etims === 'add') data = withEtims(data, incoming.data);
  if (linking) data = { ...data, share_token: incoming.data.share_token! };
  const actions: Action[] = [
    ...(voiding ? (['invoices.void'] as const) : []),
    ...(etims === 'add' ? (['invoices.finalize'] as const) : []),
    ...(linking ? (['invoices.send'] as const) : []),
  ];
  return { kind: 'store', actions, row: { ...current, data, stamps: { '*': stamp } } };
}

/** A credit note never changes, but for KRA's answer, added once. */
function mergeCreditNote(current: SyncRow, incoming: SyncRow): MergeOutcome {
  if (!sameData(current.data, incoming.data, CREDIT_NOTE_FIELDS)) {
    return { kind: 'refused', actions: [], refusal: { code: 'immutable', message: 'A credit note never changes once written; issue another to correct it.' } };
  }
  const etims = etimsAddition(current.data, incoming.data);
  if (etims === 'conflict') return { kind: 'refused', actions: [], refusal: ETIMS_CONFLICT };
  if (etims === null) return { kind: 'same', actions: [] };
  const stamp = newestStamp(incoming.stamps) > newestStamp(current.stamps) ? newestStamp(incoming.stamps) : newestStamp(current.stamps);
  return { kind: 'store', actions: ['creditNotes.create'], row: { ...current, data: withEtims(current.data, incoming.data), stamps: { '*': stamp } } };
}

/** Payments and allocations: written once; the one change is a reversal, which stays. */
function mergeReversible(current: SyncRow, incoming: SyncRow, reversal: readonly string[], isReversed: (d: SyncData) => boolean, what: string): MergeOutcome {
  const content = SYNCED_TABLES[current.table].columns.filter((c) => !reversal.includes(c));
  if (!sameData(current.data, incoming.data, content)) {
    return { kind: 'refused', actions: [], refusal: { code: 'immutable', message: `A recorded ${what} never changes; reverse it and record it again.` } };
  }
  if (!isReversed(incoming.data)) return { kind: 'same', actions: [] };
  if (isReversed(current.data)) {
    // Reversed on two computers before either heard of the other: the earlier reversal stands
    // everywhere, whichever arrives first, so the Cloud and every computer end with the same one.
    const key = (d: SyncData) => JSON.stringify(reversal.map((f) => d[f] ?? null));
    if (key(incoming.data) === key(current.data)) return { kind: 'same', actions: [] };
    if (key(incoming.data) > key(current.data)) {
      const name = typeof current.data.number === 'string' ? current.data.number : `This ${what}`;
      return { kind: 'same', actions: [], kept: { code: 'immutable', message: `${name} had already been reversed on another computer; that earlier reversal is the one kept.` } };
    }
  }
  const data = { ...current.data };
  for (const field of reversal) if (field in incoming.data) data[field] = incoming.data[field]!;
  return { kind: 'store', actions: ['payments.reverse'], row: { ...current, data, stamps: { '*': newestStamp(incoming.stamps) } } };
}

const INCOMING_RANK: Record<string, number> = { unmatched: 0, recorded: 1, assigned: 1, dismissed: 1 };

/** Money that came in: its receipt never changes; unmatched becomes assigned or dismissed once, and stays so. */
function mergeIncoming(current: SyncRow, incoming: SyncRow): MergeOutcome {
  const fixed = SYNCED_TABLES.incoming_payments.columns.filter((c) => !['status', 'payment_id', 'customer_id', 'invoice_id', 'note'].includes(c));
  if (!sameData(current.data, incoming.data, fixed)) {
    return { kind: 'refused', actions: [], refusal: { code: 'immutable', message: 'Money that came in is recorded as it came; assign or dismiss it instead.' } };
  }
  const from = INCOMING_RANK[String(current.data.status)] ?? 0;
  const to = INCOMING_RANK[String(incoming.data.status)] ?? 0;
  if (to <= from) {
    if (from === 1 && to === 1 && (current.data.payment_id !== incoming.data.payment_id || current.data.status !== incoming.data.status)) {
      return { kind: 'refused', actions: ['payments.record'], refusal: { code: 'immutable', message: `That money (${String(current.data.receipt)}) was already ${String(current.data.status)} on another computer; your assignment was undone.` } };
    }
    return { kind: 'same', actions: [] };
  }
  return { kind: 'store', actions: ['payments.record'], row: { ...current, data: { ...current.data, ...incoming.data }, stamps: { '*': newestStamp(incoming.stamps) } } };
}

/** Quote content that never changes once issued. */
const QUOTE_CONTENT = SYNCED_TABLES.quotes.columns.filter((c) => !['state', 'decided_on', 'decision_note', 'invoice_id', 'converted_at', 'deleted_at'].includes(c));

/**
 * An issued quote: its content never changes; it is accepted or declined once (a different decision
 * arriving later is refused), and converted to one invoice (a second conversion is refused).
 */
function mergeQuote(current: SyncRow, incoming: SyncRow): MergeOutcome {
  const name = typeof current.data.number === 'string' ? current.data.number : 'This quote';
  if (!sameData(current.data, incoming.data, QUOTE_CONTENT)) {
    return { kind: 'refused', actions: [], refusal: { code: 'immutable', message: `${name} was issued; its lines, amounts and dates never change. Draft a new quote instead.` } };
  }
  const data: SyncData = { ...current.data };
  let changed = false;
  const held = typeof current.data.state === 'string' ? current.data.state : 'sent';
  const wanted = typeof incoming.data.state === 'string' ? incoming.data.state : held;
  if (wanted !== held) {
    if (held !== 'sent') {
      return { kind: 'refused', actions: [], refusal: { code: 'immutable', message: `${name} was already marked ${held} on another computer; a quote is accepted or declined once.` } };
    }
    data.state = wanted;
    data.decided_on = incoming.data.decided_on ?? null;
    data.decision_note = incoming.data.decision_note ?? '';
    changed = true;
  }
  const heldInvoice = current.data.invoice_id ?? null;
  const wantedInvoice = incoming.data.invoice_id ?? heldInvoice;
  if (wantedInvoice !== heldInvoice) {
    if (heldInvoice !== null) {
      return { kind: 'refused', actions: [], refusal: { code: 'immutable', message: `${name} was already converted to an invoice on another computer; a quote becomes one invoice.` } };
    }
    data.invoice_id = wantedInvoice;
    data.converted_at = incoming.data.converted_at ?? null;
    changed = true;
  }
  if (!changed) return { kind: 'same', actions: [] };
  const stamp = newestStamp(incoming.stamps) > newestStamp(current.stamps) ? newestStamp(incoming.stamps) : newestStamp(current.stamps);
  return { kind: 'store', actions: ['drafts.write'], row: { ...current, data, stamps: { '*': stamp } } };
}

/**
 * Merges an incoming version of a row into the one held (none: a new row). Deterministic: the same
 * two versions give the same result everywhere, whichever arrives first.
 */
export function mergeRow(current: SyncRow | null, incoming: SyncRow): MergeOutcome {
  if (!current) return { kind: 'store', row: incoming, actions: createActions(incoming) };
  const table = SYNCED_TABLES[incoming.table];
  switch (incoming.table) {
    case 'invoices':
      return mergeInvoice(current, incoming);
    case 'payments':
      return mergeReversible(current, incoming, ['status', 'reversed_at', 'reversal_reason'], (d) => d.status === 'reversed', 'payment');
    case 'payment_allocations':
      return mergeReversible(current, incoming, ['reversed_at', 'reversed_on'], (d) => d.reversed_at !== null && d.reversed_at !== undefined, 'allocation of a payment');
    case 'incoming_payments':
      return mergeIncoming(current, incoming);
    case 'refunds':
      return mergeReversible(current, incoming, ['status', 'reversed_at', 'reversed_on', 'reversal_reason'], (d) => d.status === 'reversed', 'refund');
    case 'quotes':
      return mergeQuote(current, incoming);
    case 'recurring_runs':
      return sameData(current.data, incoming.data, table.columns)
        ? { kind: 'same', actions: [] }
        : { kind: 'refused', actions: [], refusal: { code: 'immutable', message: 'This period of the schedule was already issued on another computer; each period is billed once.' } };
    case 'credit_notes':
      return mergeCreditNote(current, incoming);
    case 'draft_versions':
    case 'audit_log':
      return sameData(current.data, incoming.data, table.columns)
        ? { kind: 'same', actions: [] }
        : { kind: 'refused', actions: [], refusal: { code: 'immutable', message: 'A saved draft version or a history entry never changes once written.' } };
    default: {
      const merged = table.merge === 'field' ? mergeFields(current, incoming) : mergeWholeRow(current, incoming);
      return merged ? { kind: 'store', row: merged, actions: createActions(incoming) } : { kind: 'same', actions: [] };
    }
  }
}

/** The id of the invoice kept from a second finalize: the same on every device (a UUID-shaped hash). */
export function splitInvoiceId(draftId: string, number: string): string {
  // FNV-1a over the draft id and number, spread into UUID form; collisions need the same draft id.
  const text = `${draftId}|${number}`;
  const parts: string[] = [];
  for (let round = 0; round < 4; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    parts.push(hash.toString(16).padStart(8, '0'));
  }
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
