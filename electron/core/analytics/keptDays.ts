// Figures of past days kept per connection between dashboards, until a write changes them.
// Temporary triggers note the earliest business day this connection's writes may have changed
// (nothing is written to the books); another process's commit shows in data_version and drops all.
// A past day's figures depend on the books alone, so a kept day equals what reading it again gives.
import type { Sql } from '../db/sql';
import { countsAsFinal, earlierOfOldAndNew, noteEarliestDay } from './changeNotes';
import { othersCommitCount } from '../db/dataVersion';

/** Moves every keeper's earliest changed day back to `day`. */
const changedFrom = (day: string) => noteEarliestDay('analytics_changed_days', day);

/** Any row of `table` added, removed or changed (in `updateOf`, else any column) changes the books from its `day`. */
const rowTriggers = (name: string, table: string, day: string, updateOf?: string) => `
    CREATE TEMP TRIGGER IF NOT EXISTS analytics_${name}_insert AFTER INSERT ON main.${table}
      BEGIN ${changedFrom(`coalesce(NEW.${day}, '')`)} END;
    CREATE TEMP TRIGGER IF NOT EXISTS analytics_${name}_delete AFTER DELETE ON main.${table}
      BEGIN ${changedFrom(`coalesce(OLD.${day}, '')`)} END;
    CREATE TEMP TRIGGER IF NOT EXISTS analytics_${name}_update AFTER UPDATE ${updateOf ? `OF ${updateOf} ` : ''}ON main.${table}
      BEGIN ${changedFrom(earlierOfOldAndNew(day))} END;`;

/**
 * From which day a write changes what was billed, credited, collected, paid or owed: an invoice that
 * counts from its issue day (paid in full or no longer: from the day paid), an allocation from its
 * day (it counts on no day before, reversed or not), a credit note from its issue day, a payment
 * from its day. A payment's allocations refreshing an invoice's balance move nothing by themselves.
 */
function watch(sql: Sql): void {
  sql.db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS analytics_changed_days (keeper TEXT PRIMARY KEY, from_day TEXT);
    CREATE TEMP TRIGGER IF NOT EXISTS analytics_invoice_insert AFTER INSERT ON main.invoices WHEN ${countsAsFinal('NEW')}
      BEGIN ${changedFrom("coalesce(NEW.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS analytics_invoice_delete AFTER DELETE ON main.invoices WHEN ${countsAsFinal('OLD')}
      BEGIN ${changedFrom("coalesce(OLD.issue_date, '')")} END;
    CREATE TEMP TRIGGER IF NOT EXISTS analytics_invoice_update AFTER UPDATE ON main.invoices
      WHEN (${countsAsFinal('OLD')} OR ${countsAsFinal('NEW')}) AND (${countsAsFinal('OLD')} IS NOT ${countsAsFinal('NEW')}
        OR OLD.issue_date IS NOT NEW.issue_date OR OLD.due_date IS NOT NEW.due_date OR OLD.total_minor IS NOT NEW.total_minor
        OR OLD.currency IS NOT NEW.currency OR OLD.customer_id IS NOT NEW.customer_id OR OLD.id IS NOT NEW.id OR OLD.seq IS NOT NEW.seq)
      BEGIN ${changedFrom(earlierOfOldAndNew('issue_date'))} END;
    CREATE TEMP TRIGGER IF NOT EXISTS analytics_invoice_paid AFTER UPDATE OF paid_on, paid_minor, status ON main.invoices
      WHEN (OLD.paid_on IS NOT NEW.paid_on OR OLD.paid_minor IS NOT NEW.paid_minor OR OLD.status IS NOT NEW.status) AND (${countsAsFinal('OLD')} OR ${countsAsFinal('NEW')})
      BEGIN ${changedFrom("coalesce(min(coalesce(OLD.paid_on, NEW.paid_on), coalesce(NEW.paid_on, OLD.paid_on)), NEW.issue_date, '')")} END;
    ${rowTriggers('allocation', 'payment_allocations', 'allocated_on')}
    ${rowTriggers('credit', 'credit_notes', 'issue_date')}
    ${rowTriggers('payment', 'payments', 'paid_on', 'paid_on, amount_minor, currency, status, deleted_at')}
  `);
}

export type Keeper = 'receivables' | 'flows';

interface Held<T> {
  others: number;
  days: Map<string, T>;
}

const held = new WeakMap<Sql, Map<Keeper, Held<unknown>>>();
const watched = new WeakSet<Sql>();

/**
 * The days `keeper` computed before that no write has touched since (a write here drops the days
 * from the earliest one it changed). The map is the keeper's own: it adds the days it computes.
 */
export function keptDays<T>(sql: Sql, keeper: Keeper): Map<string, T> {
  // Inside a transaction that may still roll back, days computed from its rows (and the triggers
  // themselves, if made now) could outlive it: nothing is kept.
  if (sql.db.inTransaction) return new Map();
  if (!watched.has(sql)) {
    watch(sql);
    watched.add(sql);
  }
  sql.prepare('INSERT OR IGNORE INTO temp.analytics_changed_days (keeper, from_day) VALUES (?, NULL)').run(keeper);
  const fromDay = sql.prepare('SELECT from_day FROM temp.analytics_changed_days WHERE keeper = ?').pluck().get(keeper) as string | null;
  if (fromDay !== null) sql.prepare('UPDATE temp.analytics_changed_days SET from_day = NULL WHERE keeper = ?').run(keeper);
  const others = othersCommitCount(sql);
  let keepers = held.get(sql);
  if (!keepers) held.set(sql, (keepers = new Map()));
  let mine = keepers.get(keeper) as Held<T> | undefined;
  if (!mine || mine.others !== others) keepers.set(keeper, (mine = { others, days: new Map() }));
  else if (fromDay !== null) for (const date of mine.days.keys()) if (date >= fromDay) mine.days.delete(date);
  return mine.days;
}

/** Adds a day, forgetting the one kept longest once `max` are kept. */
export function keepDay<T>(days: Map<string, T>, date: string, value: T, max: number): void {
  if (days.size >= max && !days.has(date)) days.delete(days.keys().next().value!);
  days.set(date, value);
}
