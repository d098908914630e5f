import type { ChannelParsed, ImportPreview, ImportResult } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import type { CoreContext } from '../../context';
import { rowToFields as storedFields } from '../mapping';
import { hasLedgerEntries } from '../../ledger/balances';
import { countAllCustomers, getCustomerRow } from '../repo';
import { withIndexesBuiltAfter, withTriggersAway } from '../../db/bulkIndexes';
import { insertCustomerInTransaction, newBulkInsert, reserveCustomerNumbers, updateCustomerInTransaction, writeBulkRest } from '../service';
import { forgetValidation, planImport, type PlannedRow } from './plan';
import { rowToFields } from './rows';
import { openingDateOrder, readOpeningBalance, recordOpeningBalance } from './openingBalance';
import type { CurrencyCode } from '../../../../shared/money';
import { KEPT_ALONE, noteSettledAlone, settleAlone } from '../../sync/outbox';
import { cloudLink } from '../../sync/state';
import { withoutInsertNotes } from '../../sync/track';
import { collectGarbageSoon } from '../../system/collectGarbage';
import { wakeSearchCatchUp } from '../searchBacklog';

export function previewImport(ctx: CoreContext, input: ChannelParsed<'customers.import.preview'>): ImportPreview {
  const plan = planImport(ctx, input.csvText, input.mapping);
  const order = openingDateOrder(plan.fresh);
  const openingBalances = { count: 0, totalMinor: 0, problems: [] as { line: number; message: string }[] };
  for (const row of plan.fresh) {
    const reading = readOpeningBalance(ctx, row.cells, row.fields.currency as CurrencyCode, order);
    if (!reading) continue;
    if (reading.ok) {
      openingBalances.count += 1;
      openingBalances.totalMinor += reading.minor;
    } else openingBalances.problems.push({ line: row.line, message: reading.message });
  }
  return {
    openingBalances,
    fileName: input.fileName,
    delimiter: plan.csv.delimiter,
    headers: plan.csv.headers,
    mapping: plan.mapping,
    totalRows: plan.fresh.length + plan.duplicates.length + plan.rejected.length,
    acceptedRows: plan.fresh.length,
    rejected: plan.rejected,
    duplicates: plan.duplicates.map(({ line, name, matchedOn, existing }) => ({ line, name, matchedOn, existing })),
    sample: [...plan.fresh, ...plan.duplicates]
      .sort((a, b) => a.line - b.line)
      .slice(0, 10)
      .map((r) => ({ line: r.line, name: r.fields.name, email: r.fields.email, phone: r.fields.phone })),
    heldBack: plan.heldBack,
    warnings: plan.warnings,
    source: plan.source,
  };
}

/**
 * From this many new customers, when they are at least as many as the books hold, the customers'
 * plain indexes are built after the rows rather than entry by entry (db/bulkIndexes.ts): at 100,000
 * customers the rows then cost about 40% less to write, and the whole commit about a fifth less.
 */
const BUILD_INDEXES_AFTER_ROWS = 10_000;

function fillsCustomers(ctx: CoreContext, fresh: number): boolean {
  return fresh >= BUILD_INDEXES_AFTER_ROWS && fresh >= countAllCustomers(ctx.sql);
}

/**
 * From this many new customers, the trigger that gives a new customer's waiting invoices its seq
 * (invoices_customer_arrived, migration 26) is taken away while they are written. An invoice waits
 * only for a customer another computer made (sync brought the invoice first), so none can wait for
 * ids made just now; its look-up for each was about a fifth of writing a customer.
 */
const SKIP_WAITING_INVOICES_FROM = 1_000;

/**
 * From this many new customers, their search entries are written just after the import rather than
 * in it (searchBacklog.ts): at 100,000 they were about a quarter of its commit. A search in the
 * meantime writes what is left first, so it still finds every customer.
 */
const SEARCH_ENTRIES_AFTER_FROM = 10_000;

/** From this many customers written, an import gives back the page cache it filled. */
const SHRINK_AFTER_ROWS = 5_000;

/**
 * Imports every valid row in one transaction: all of them or none. Rejected rows are left out (the
 * preview listed them); duplicates are skipped unless the person chose to update the existing one.
 */
export function commitImport(ctx: CoreContext, input: ChannelParsed<'customers.import.commit'>): ImportResult {
  const plan = planImport(ctx, input.csvText, input.mapping);
  const changedIds: string[] = [];
  let updated = 0;
  let skipped = 0;
  let openings = 0;
  const order = openingDateOrder(plan.fresh);
  const searchLater = plan.fresh.length >= SEARCH_ENTRIES_AFTER_FROM;
  ctx.sql.transaction(() => {
    let number = plan.fresh.length > 0 ? reserveCustomerNumbers(ctx, plan.fresh.length) : 0;
    // Into books with no customers, the reserved numbers' codes are free: each is not looked up.
    const codeFree = countAllCustomers(ctx.sql) === 0;
    const bulk = newBulkInsert(searchLater);
    // Books that work alone keep only their newest KEPT_ALONE changes (sync/outbox.ts settleAlone):
    // the changes of all but the last new customers would be removed before this transaction ends,
    // so they are never written (nor packed), and the outbox ends as settling would leave it.
    const outboxFrom = cloudLink(ctx.sql) ? 0 : plan.fresh.length - KEPT_ALONE;
    const writeRows = (rows: PlannedRow[], outbox: boolean) => {
      for (const row of rows) {
        const currency = row.fields.currency as CurrencyCode;
        const opening = readOpeningBalance(ctx, row.cells, currency, order);
        if (opening && !opening.ok) {
          throw new AppError('invalid_input', `Line ${row.line}: ${opening.message}. Nothing was imported; fix the line or leave the cell empty.`);
        }
        const id = insertCustomerInTransaction(ctx, row.fields, 'customers.import', `Imported from ${input.fileName} line ${row.line}`, {
          number: number++, bulk, outbox, balancesNow: opening !== null, codeFree,
        });
        changedIds.push(id);
        if (opening) {
          recordOpeningBalance(ctx, id, currency, opening.minor, opening.on, input.fileName);
          openings++;
        }
      }
    };
    const fills = fillsCustomers(ctx, plan.fresh.length);
    const writeRowsAndRest = () => {
      // The rows with no outbox row would have their sync notes cleared unread: they are never made.
      if (outboxFrom > 0) withoutInsertNotes(ctx.sql, ['customers', 'audit_log'], () => writeRows(plan.fresh.slice(0, outboxFrom), false));
      writeRows(outboxFrom > 0 ? plan.fresh.slice(outboxFrom) : plan.fresh, true);
      // Before the indexes are built: the balances and tag rows go into those tables without them.
      writeBulkRest(ctx, bulk, fills);
    };
    const writeFresh = () => (plan.fresh.length >= SKIP_WAITING_INVOICES_FROM ? withTriggersAway(ctx.sql.db, ['invoices_customer_arrived'], writeRowsAndRest) : writeRowsAndRest());
    // Every customer has one balances row, and tag rows in name order (migration 23): the import
    // fills those tables as much as the customers.
    if (fills) withIndexesBuiltAfter(ctx.sql, ['customers', 'customer_balances', 'customer_tags'], writeFresh);
    else writeFresh();
    if (outboxFrom > 0) {
      noteSettledAlone(ctx.sql);
      settleAlone(ctx.sql);
    }
    for (const duplicate of plan.duplicates) {
      if (input.duplicateActions[String(duplicate.line)] !== 'update') {
        skipped++;
        continue;
      }
      const existing = getCustomerRow(ctx.sql, duplicate.existing.id);
      if (!existing) continue;
      const { fields, reasons } = rowToFields(duplicate.cells, storedFields(existing), { country: ctx.config.business.country });
      if (!fields) {
        throw new AppError(
          'invalid_input',
          `Line ${duplicate.line} cannot update ${existing.code}: ${reasons.join('; ')}. Nothing was imported; fix the line or choose Skip.`,
        );
      }
      // A customer with invoices or payments keeps their currency (the preview warned).
      if (fields.currency !== existing.currency && hasLedgerEntries(ctx.sql, existing.id)) fields.currency = existing.currency as typeof fields.currency;
      updateCustomerInTransaction(ctx, existing, fields, 'customers.import');
      changedIds.push(existing.id);
      updated++;
    }
  });
  forgetValidation();
  if (searchLater) wakeSearchCatchUp(ctx.sql);
  // The import's pages fill SQLite's page cache (64 MB a connection, more while one transaction
  // writes them all); a large one gives that memory back, and what is read next comes again from
  // the system's file cache.
  if (plan.fresh.length + updated >= SHRINK_AFTER_ROWS) {
    ctx.sql.db.pragma('shrink_memory');
    collectGarbageSoon();
  }
  ctx.events.emit('customers.changed', { ids: changedIds.length <= 100 ? changedIds : [] });
  return { created: plan.fresh.length, updated, skipped, rejected: plan.rejected.length, openingBalances: openings };
}
