// Which customers' invoices changed since an intelligence keeper last looked, so it recomputes only
// theirs. Temporary triggers note, on this connection, every customer whose invoices were added,
// changed or removed, and the earliest issue day whose billing moved (nothing is written to the
// books); another process's commit shows in data_version and makes every keeper start afresh.
import type { Sql } from '../../db/sql';
import { countsAsFinal, earlierOfOldAndNew, noteEarliestDay } from '../changeNotes';
import { othersCommitCount } from '../../db/dataVersion';

/** The intelligence caches, each told separately what changed since it last looked. */
export type IntelligenceKeeper = 'amounts' | 'delays' | 'payers' | 'billing';

export interface Changes {
  /** Start afresh: the first look, another process committed, or the keeper was forgotten. */
  all: boolean;
  /** Customers whose invoices changed (added, removed, any column) on this connection. */
  customers: ReadonlySet<string>;
  /** The earliest issue date whose billed amount may have changed; null when none ('' when unknown: all). */
  billingFrom: string | null;
}

const touch = (customer: string) => `INSERT OR IGNORE INTO temp.intelligence_touched (customer_id) VALUES (${customer});`;

const billedFrom = (day: string) => noteEarliestDay('temp.intelligence_billed', day);

/**
 * Every invoice row written marks its customer (old and new): payments and credit notes reach the
 * models only through the invoice's status, balance and paid date, which they update. Billing moves
 * when an invoice that counts (or counted) changes its amount, day, currency or whether it counts,
 * and when a credit note is written.
 */
function watch(sql: Sql): void {
  sql.db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS intelligence_touched (customer_id TEXT PRIMARY KEY);
    CREATE TEMP TABLE IF NOT EXISTS intelligence_billed (from_day TEXT);
    INSERT INTO temp.intelligence_billed (from_day) SELECT NULL WHERE NOT EXISTS (SELECT 1 FROM temp.intelligence_billed);
    CREATE TEMP TRIGGER IF NOT EXISTS intelligence_invoice_insert AFTER INSERT ON main.invoices
      BEGIN ${touch('NEW.customer_id')}
        ${billedFrom("coalesce(NEW.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS intelligence_invoice_delete AFTER DELETE ON main.invoices
      BEGIN ${touch('OLD.customer_id')}
        ${billedFrom("coalesce(OLD.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS intelligence_invoice_update AFTER UPDATE ON main.invoices
      BEGIN ${touch('OLD.customer_id')} ${touch('NEW.customer_id')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS intelligence_invoice_billed AFTER UPDATE ON main.invoices
      WHEN (${countsAsFinal('OLD')} OR ${countsAsFinal('NEW')}) AND (${countsAsFinal('OLD')} IS NOT ${countsAsFinal('NEW')}
        OR OLD.issue_date IS NOT NEW.issue_date OR OLD.total_minor IS NOT NEW.total_minor OR OLD.currency IS NOT NEW.currency)
      BEGIN ${billedFrom(earlierOfOldAndNew('issue_date'))} END;
    CREATE TEMP TRIGGER IF NOT EXISTS intelligence_customer_insert AFTER INSERT ON main.customers
      BEGIN ${touch('NEW.id')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS intelligence_customer_delete AFTER DELETE ON main.customers
      BEGIN ${touch('OLD.id')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS intelligence_credit_insert AFTER INSERT ON main.credit_notes
      BEGIN ${billedFrom("coalesce(NEW.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS intelligence_credit_delete AFTER DELETE ON main.credit_notes
      BEGIN ${billedFrom("coalesce(OLD.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS intelligence_credit_update AFTER UPDATE ON main.credit_notes
      BEGIN ${billedFrom(earlierOfOldAndNew('issue_date'))} END;
  `);
}

interface Pending {
  others: number;
  all: boolean;
  customers: Set<string>;
  billingFrom: string | null;
}

const KEEPERS: readonly IntelligenceKeeper[] = ['amounts', 'delays', 'payers', 'billing'];
const pending = new WeakMap<Sql, Map<IntelligenceKeeper, Pending>>();

/**
 * What changed since `keeper` last asked (and clears it for that keeper); null inside a transaction,
 * where nothing may be kept: rows it wrote could still roll back.
 */
export function changesSince(sql: Sql, keeper: IntelligenceKeeper): Changes | null {
  if (sql.db.inTransaction) return null;
  let keepers = pending.get(sql);
  if (!keepers) {
    watch(sql);
    pending.set(sql, (keepers = new Map()));
  }
  // Hand what the triggers noted to every keeper, then empty the notes.
  const touched = sql.prepare('SELECT customer_id FROM temp.intelligence_touched').pluck().all() as string[];
  if (touched.length > 0) sql.prepare('DELETE FROM temp.intelligence_touched').run();
  const billed = sql.prepare('SELECT from_day FROM temp.intelligence_billed').pluck().get() as string | null;
  if (billed !== null) sql.prepare('UPDATE temp.intelligence_billed SET from_day = NULL').run();
  const others = othersCommitCount(sql);
  for (const k of KEEPERS) {
    const p = keepers.get(k);
    if (!p) continue;
    if (p.others !== others) p.all = true;
    for (const id of touched) p.customers.add(id);
    if (billed !== null && (p.billingFrom === null || billed < p.billingFrom)) p.billingFrom = billed;
  }
  const mine = keepers.get(keeper);
  keepers.set(keeper, { others, all: false, customers: new Set(), billingFrom: null });
  if (!mine) return { all: true, customers: new Set(), billingFrom: null };
  return mine.all ? { all: true, customers: new Set(), billingFrom: null } : mine;
}

/** Makes every keeper start afresh at its next look: for benchmarks that time the first call. */
export function forgetChanges(sql: Sql): void {
  pending.delete(sql);
}
