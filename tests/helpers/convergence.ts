// The convergence property for sync, shared by the test (200 runs) and the bench (10,000): three
// computers do random things to the books (customers, drafts, finalize, payments, credit notes,
// voids, archive), sync in a random order, are cut off and come back, are restarted; after everyone
// syncs, every synced table is the same everywhere and on the Cloud, no number is issued twice,
// every change made was applied once, and every derived figure equals a recomputation from scratch.
import fc from 'fast-check';
import { sql } from 'kysely';
import { refreshCustomerBalance } from '../../electron/core/ledger/balances';
import { refreshInvoiceSettlement } from '../../electron/core/ledger/settlement';
import { keyText, readRows } from '../../electron/core/sync/rows';
import { SYNCED_TABLE_NAMES, SYNCED_TABLES, type SyncData } from '../../shared/sync/tables';
import type { Core } from '../../electron/core/app';
import { createCore } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import type { TestClock, TestCloud } from './cloud';
import { tempDir } from './core';
import { PASSWORD, uniqueEmail } from './cloudPeople';

export type Op =
  | { kind: 'customer'; dev: number; name: number }
  | { kind: 'editCustomer'; dev: number; pick: number; field: 'email' | 'city' | 'phone' | 'notes'; value: number }
  | { kind: 'archive'; dev: number; pick: number }
  | { kind: 'draft'; dev: number; pick: number; qty: number }
  | { kind: 'editDraft'; dev: number; pick: number; qty: number }
  | { kind: 'discard'; dev: number; pick: number }
  | { kind: 'finalize'; dev: number; pick: number }
  | { kind: 'void'; dev: number; pick: number }
  | { kind: 'credit'; dev: number; pick: number; amount: number }
  | { kind: 'pay'; dev: number; pick: number; amount: number; mpesa: number; allocate: boolean }
  | { kind: 'reverse'; dev: number; pick: number }
  | { kind: 'applyCredit'; dev: number; pick: number }
  | { kind: 'unapply'; dev: number; pick: number }
  | { kind: 'sync'; dev: number }
  | { kind: 'online'; dev: number; online: boolean }
  | { kind: 'restart'; dev: number };

const dev = fc.integer({ min: 0, max: 2 });
const pick = fc.nat({ max: 50 });

export const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('customer' as const), dev, name: fc.nat({ max: 9 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('editCustomer' as const), dev, pick, field: fc.constantFrom('email' as const, 'city' as const, 'phone' as const, 'notes' as const), value: fc.nat({ max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('archive' as const), dev, pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('draft' as const), dev, pick, qty: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('editDraft' as const), dev, pick, qty: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('discard' as const), dev, pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finalize' as const), dev, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), dev, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('credit' as const), dev, pick, amount: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pay' as const), dev, pick, amount: fc.integer({ min: 1, max: 2000 }), mpesa: fc.nat({ max: 3 }), allocate: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), dev, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('applyCredit' as const), dev, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unapply' as const), dev, pick }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), dev }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('online' as const), dev, online: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), dev }) },
);

interface Computer {
  dir: string;
  core: Core;
  online: boolean;
  secrets: ReturnType<typeof memorySecretStore>;
}

function open(computer: Pick<Computer, 'dir' | 'secrets'> & { online: boolean }, clock: TestClock): Core {
  return createCore({
    dataDir: computer.dir, clock, secrets: computer.secrets, log: () => undefined, network: { isOnline: () => (computer as Computer).online },
    jobs: { autoStart: false }, reminderScanMs: 0, pdfWorkers: 0,
    sync: { autoStart: false, pollMs: 3_600_000, backoff: { firstMs: 3_600_000, maxMs: 3_600_000 } },
  });
}

async function invoke<T>(core: Core, channel: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; code: string; message: string }> {
  const envelope = await (core.api as unknown as Record<string, (i: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>>)[channel]!(input);
  return envelope.ok ? { ok: true, value: envelope.value as T } : { ok: false, code: envelope.error!.code, message: envelope.error!.message };
}

const ids = (core: Core, query: string) => (core.context.sql.prepare(query).all() as { id: string }[]).map((r) => r.id);
const at = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

async function apply(computers: Computer[], op: Op, clock: TestClock): Promise<void> {
  const c = computers[op.dev]!;
  const core = c.core;
  const today = '2026-11-21';
  let result: { ok: boolean; code?: string; message?: string } = { ok: true };
  switch (op.kind) {
    case 'customer':
      result = await invoke(core, 'customers.create', { name: `Customer ${op.name} of ${op.dev}` });
      break;
    case 'editCustomer': {
      const id = at(ids(core, 'SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id'), op.pick);
      if (!id) return;
      const got = await invoke<{ version: number } & Record<string, unknown>>(core, 'customers.get', { id });
      if (!got.ok) return;
      const customer = got.value as Record<string, unknown> & { version: number; address: Record<string, unknown> };
      const next: Record<string, unknown> = { ...customer, ...(op.field === 'city' ? { address: { ...customer.address, city: `City ${op.value}` } } : {}) };
      if (op.field === 'email') next.email = `c${op.value}.${op.dev}@example.co.ke`;
      if (op.field === 'phone') next.phone = `+2547221000${op.value}${op.dev}`;
      if (op.field === 'notes') next.notes = `Note ${op.value} from ${op.dev}`;
      result = await invoke(core, 'customers.update', { id, version: customer.version, customer: next });
      break;
    }
    case 'archive': {
      const id = at(ids(core, 'SELECT id FROM customers ORDER BY id'), op.pick);
      if (id) result = await invoke(core, 'customers.archive', { id });
      break;
    }
    case 'draft': {
      const id = at(ids(core, 'SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id'), op.pick);
      if (id) result = await invoke(core, 'drafts.create', { draft: { customerId: id, issueDate: today, lines: [{ description: 'Goods', quantityMilli: op.qty * 1000, unitPriceMinor: 10_000, taxRateBp: null }] } });
      break;
    }
    case 'editDraft': case 'discard': case 'finalize': {
      const drafts = core.context.sql.prepare("SELECT id, customer_id, draft_version FROM invoices WHERE status = 'draft' AND deleted_at IS NULL ORDER BY id").all() as { id: string; customer_id: string; draft_version: number }[];
      const d = at(drafts, op.pick);
      if (!d) return;
      if (op.kind === 'editDraft') {
        result = await invoke(core, 'drafts.update', { id: d.id, version: d.draft_version, draft: { customerId: d.customer_id, issueDate: today, lines: [{ description: 'Goods', quantityMilli: op.qty * 1000, unitPriceMinor: 10_000, taxRateBp: null }] } });
      } else if (op.kind === 'discard') result = await invoke(core, 'drafts.discard', { id: d.id });
      else result = await invoke(core, 'invoices.finalize', { id: d.id, version: d.draft_version });
      break;
    }
    case 'void': case 'credit': {
      const id = at(ids(core, "SELECT id FROM invoices WHERE status IN ('open', 'partially_paid', 'paid') ORDER BY id"), op.pick);
      if (!id) return;
      result = op.kind === 'void'
        ? await invoke(core, 'invoices.void', { id, reason: 'Fuzz' })
        : await invoke(core, 'invoices.creditNote', { invoiceId: id, amountMinor: op.amount * 100, reason: 'Fuzz' });
      break;
    }
    case 'pay': {
      const customer = at(ids(core, 'SELECT id FROM customers ORDER BY id'), op.pick);
      if (!customer) return;
      const open = core.context.sql.prepare("SELECT id, balance_minor FROM invoices WHERE customer_id = ? AND status IN ('open', 'partially_paid') ORDER BY id LIMIT 1").get(customer) as { id: string; balance_minor: number } | undefined;
      const amount = op.amount * 100;
      const allocations = op.allocate && open ? [{ invoiceId: open.id, amountMinor: Math.min(amount, open.balance_minor) }] : undefined;
      result = await invoke(core, 'payments.record', {
        customerId: customer, amountMinor: amount, paidOn: today, method: op.mpesa > 0 ? 'mpesa' : 'cash', reference: op.mpesa > 0 ? `QK${op.mpesa}ABCDEFG` : '', ...(allocations ? { allocations } : {}),
      });
      break;
    }
    case 'reverse': {
      const id = at(ids(core, "SELECT id FROM payments WHERE status = 'completed' ORDER BY id"), op.pick);
      if (id) result = await invoke(core, 'payments.reverse', { id, reason: 'Fuzz' });
      break;
    }
    case 'applyCredit': {
      // A customer with credit and an invoice to put it on: two computers doing this offline spend the same credit twice.
      const withCredit = ids(core, "SELECT b.customer_id AS id FROM customer_balances b WHERE b.credit_minor > 0 AND EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = b.customer_id AND i.status IN ('open', 'partially_paid')) ORDER BY b.customer_id");
      const id = at(withCredit, op.pick);
      if (id) result = await invoke(core, 'payments.applyCredit', { customerId: id });
      break;
    }
    case 'unapply': {
      const live = core.context.sql.prepare("SELECT a.payment_id, a.invoice_id FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.reversed_at IS NULL AND p.status = 'completed' ORDER BY a.id").all() as { payment_id: string; invoice_id: string }[];
      const a = at(live, op.pick);
      if (a) result = await invoke(core, 'payments.unapply', { paymentId: a.payment_id, invoiceId: a.invoice_id, reason: 'Fuzz' });
      break;
    }
    case 'sync':
      await core.api['sync.now']({});
      return;
    case 'online':
      c.online = op.online;
      return;
    case 'restart':
      core.close();
      c.core = open(c, clock);
      return;
  }
  if (process.env.FUZZ_TRACE) console.log('OP', op.kind, op.dev, result.ok ? 'ok' : `${result.code}: ${result.message}`);
  // Refusals a person would see are fine; anything "internal" is a bug.
  if (!result.ok && result.code === 'internal') throw new Error(`${op.kind} on computer ${op.dev} failed inside: ${result.message}`);
  clock.advance(1_000);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${k}:${canonical((value as Record<string, unknown>)[k] ?? null)}`).join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** A table as this computer holds it: id -> its synced data (fields this release knows). */
function snapshotDevice(core: Core, table: (typeof SYNCED_TABLE_NAMES)[number]): Map<string, string> {
  const all = (core.context.sql.prepare(`SELECT ${keyText(table)} AS id FROM ${table}`).all() as { id: string | null }[]).flatMap((r) => (r.id ? [r.id] : []));
  const rows = readRows(core.context.sql, table, all);
  // A message's status is the sending computer's to tell; the rest of the log row must agree.
  return new Map([...rows].map(([id, data]) => [id, canonical(table === 'notifications' ? { ...data, status: null } : data)]));
}

function derivedFigures(core: Core): string {
  const q = (s: string) => JSON.stringify(core.context.sql.prepare(s).all());
  return [
    q('SELECT id, status, paid_minor, credited_minor, balance_minor, paid_on FROM invoices ORDER BY id'),
    q('SELECT id, allocated_minor, duplicate_of FROM payments ORDER BY id'),
    q('SELECT id, applied_minor FROM payment_allocations ORDER BY id'),
    q('SELECT * FROM customer_balances ORDER BY customer_id'),
  ].join('\n');
}

/** Works every derived figure out again from the facts, as if the books had just been opened. */
function recomputeFromScratch(core: Core): void {
  const s = core.context.sql;
  const now = core.context.clock.now().toISOString();
  s.transaction(() => {
    s.prepare('UPDATE payment_allocations SET applied_minor = 0').run();
    for (const { id } of s.prepare('SELECT id FROM invoices').all() as { id: string }[]) refreshInvoiceSettlement(s, id, now);
    for (const { id } of s.prepare('SELECT id FROM payments').all() as { id: string }[]) {
      s.prepare("UPDATE payments SET allocated_minor = coalesce((SELECT sum(applied_minor) FROM payment_allocations WHERE payment_id = ? AND reversed_at IS NULL), 0) WHERE id = ? AND status = 'completed'").run(id, id);
    }
    for (const { customer_id } of s.prepare('SELECT customer_id FROM customer_balances').all() as { customer_id: string }[]) refreshCustomerBalance(s, customer_id);
  });
}

export interface ConvergenceWorld {
  cloud: TestCloud;
  clock: TestClock;
}

/** One run of the property: throws with what differs when it does not hold. */
export async function convergenceRun(world: ConvergenceWorld, ops: readonly Op[]): Promise<void> {
  const { cloud, clock } = world;
  const computers: Computer[] = [];
  try {
    const email = uniqueEmail('fuzz');
    for (let i = 0; i < 3; i++) {
      const c = { dir: tempDir(), online: true, secrets: memorySecretStore() } as Computer;
      c.core = open(c, clock);
      computers.push(c);
      await c.core.api['cloud.setServer']({ url: cloud.url });
      const session = i === 0
        ? await invoke<{ memberships: { orgId: string }[] }>(c.core, 'cloud.signUp', { email, password: PASSWORD, name: 'Fuzz Owner', orgName: 'Fuzz Ltd' })
        : await invoke<{ memberships: { orgId: string }[] }>(c.core, 'cloud.signIn', { email, password: PASSWORD });
      if (!session.ok) throw new Error(`sign-in: ${session.message}`);
      const joined = await invoke(c.core, 'cloud.join', { orgId: session.value.memberships[0]!.orgId, deviceName: `Computer ${i}` });
      if (!joined.ok) throw new Error(`join: ${joined.message}`);
    }
    for (const op of ops) await apply(computers, op, clock);
    for (const c of computers) c.online = true;
    for (let round = 0; round < 3; round++) for (const c of computers) await c.core.api['sync.now']({});

    const orgId = (computers[0]!.core.context.sql.prepare("SELECT value FROM meta WHERE key = 'cloud.org_id'").get() as { value: string }).value;
    const cloudRows = (await sql<{ tbl: string; row_id: string; data: SyncData }>`SELECT tbl, row_id, data FROM sync_rows WHERE org_id = ${orgId}`.execute(cloud.cloud.context.db)).rows;
    for (const table of SYNCED_TABLE_NAMES) {
      const first = snapshotDevice(computers[0]!.core, table);
      for (let i = 1; i < computers.length; i++) {
        const other = snapshotDevice(computers[i]!.core, table);
        const diff = [...new Set([...first.keys(), ...other.keys()])].filter((id) => first.get(id) !== other.get(id));
        if (diff.length > 0) throw new Error(`${table} differs between computer 0 and ${i}: ${diff.slice(0, 3).map((id) => `${id}\n  0: ${first.get(id)}\n  ${i}: ${other.get(id)}`).join('\n')}`);
      }
      const known = SYNCED_TABLES[table].columns;
      const held = new Map(cloudRows.filter((r) => r.tbl === table).map((r) => [r.row_id, canonical(Object.fromEntries(known.filter((c) => c in r.data).map((c) => [c, table === 'notifications' && c === 'status' ? null : r.data[c]])))]));
      const missing = [...first.keys()].filter((id) => !held.has(id) || held.get(id) !== first.get(id));
      if (missing.length > 0 || held.size !== first.size) throw new Error(`${table}: the Cloud and the computers differ on ${missing.slice(0, 3).join(', ')} (${held.size} there, ${first.size} here)`);
    }
    for (const [i, c] of computers.entries()) {
      const numbers = c.core.context.sql.prepare('SELECT number, count(*) AS n FROM invoices WHERE number IS NOT NULL GROUP BY number HAVING n > 1').all();
      if (numbers.length > 0) throw new Error(`computer ${i} holds an invoice number twice: ${JSON.stringify(numbers)}`);
      const pending = (c.core.context.sql.prepare("SELECT count(*) AS n FROM changes WHERE pushed_at IS NULL AND rows <> '[]'").get() as { n: number }).n;
      if (pending > 0) throw new Error(`computer ${i} still has ${pending} changes the Cloud has not acknowledged`);
      const before = derivedFigures(c.core);
      recomputeFromScratch(c.core);
      const after = derivedFigures(c.core);
      if (before !== after) throw new Error(`computer ${i}'s derived figures differ from a recomputation:\n${before}\n---\n${after}`);
    }
  } finally {
    for (const c of computers) {
      try {
        c.core.close();
      } catch {
        // closed already
      }
    }
  }
}
