// Customer rules and transactions. Every write: the row, its search entry, an audit row and an
// outbox row, in one transaction.
import { AppError } from '../../../shared/errors';
import type { ChannelParsed, CustomerStats, CustomerListPage } from '../../../shared/contract';
import type { Customer, CustomerFields } from '../../../shared/domain/customer';
import { recordMutation } from '../audit/record';
import { cachedCount } from '../db/countCache';
import { withSearchMergedOnce } from '../db/bulkIndexes';
import { hasLedgerEntries } from '../ledger/balances';
import { listCustomerActivity } from '../audit/repo';
import { addDays, businessDate } from '../clock';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import { fieldsToRow, rowToFields, toCustomer, toListRow } from './mapping';
import { customerCodeFor, customerSeries } from '../sync/series';
import * as repo from './repo';
import { searchDocument, toMatchExpression, withStateFilter } from './search';
import { pageInNameOrder } from './nameOrder';
import { catchUpSearch, holdSearchEntries } from './searchBacklog';


export function statusDates(ctx: CoreContext): repo.StatusDates {
  const today = businessDate(ctx.clock.now());
  return { today, soon: addDays(today, 7) };
}

function indexForSearch(ctx: CoreContext, seq: number, code: string, fields: CustomerFields, archived: boolean, isNew = false): void {
  // The fields the entry reads, not a copy of all of them (an import makes 100,000 entries).
  const { name, email, secondaryEmail, phone, secondaryPhone, taxId, status } = fields;
  repo.replaceSearchDocument(ctx.sql, seq, searchDocument({ name, email, secondaryEmail, phone, secondaryPhone, code, taxId, status, archived }), isNew);
}

export function getCustomer(ctx: CoreContext, id: string): Customer {
  const row = repo.getCustomerWithBalance(ctx.sql, id, statusDates(ctx));
  if (!row) throw new AppError('not_found', 'That customer does not exist. It may have been removed on another device.');
  return toCustomer(row);
}

/** Reserves customer numbers for a batch; the caller holds the transaction. */
export const reserveCustomerNumbers = (ctx: CoreContext, count: number) => repo.takeSequence(ctx.sql, customerSeries(ctx), count);

/**
 * What a bulk insert writes together after its rows, in the same transaction (writeBulkRest): the
 * customers' search entries, and their balances and tag rows (each one statement for all).
 */
export interface BulkInsert {
  search: { seq: number; code: string; fields: CustomerFields }[];
  /** The first customer this bulk insert wrote: every later one is its too. */
  firstSeq: number | null;
  lastSeq: number | null;
  /** The search entries are left for just after the transaction (searchBacklog.ts), not written in it. */
  searchLater: boolean;
}

export const newBulkInsert = (searchLater = false): BulkInsert => ({ search: [], firstSeq: null, lastSeq: null, searchLater });

/**
 * Writes what a bulk insert held back; the caller holds the same transaction. `makesMostOfIndex`:
 * the entries are most of the search index, which is then merged once at the end instead of as it
 * grows (withSearchMergedOnce).
 */
export function writeBulkRest(ctx: CoreContext, bulk: BulkInsert, makesMostOfIndex = false): void {
  if (bulk.firstSeq !== null) repo.insertBalancesAndTagsFrom(ctx.sql, bulk.firstSeq);
  if (bulk.searchLater && bulk.firstSeq !== null && bulk.lastSeq !== null) holdSearchEntries(ctx.sql, bulk.firstSeq, bulk.lastSeq);
  const write = () => {
    for (const { seq, code, fields } of bulk.search) indexForSearch(ctx, seq, code, fields, false, true);
  };
  if (makesMostOfIndex && bulk.search.length > 0) withSearchMergedOnce(ctx.sql.db, 'customer_search', write);
  else write();
  bulk.search.length = 0;
  bulk.firstSeq = null;
  bulk.lastSeq = null;
}

export interface InsertOptions {
  /** A customer number already reserved by reserveCustomerNumbers (bulk import); absent: the next one. */
  number?: number | undefined;
  /**
   * Holds the search entry, the balances row and the tag rows back for writeBulkRest, in the same
   * transaction: the search index (FTS5) writes what it holds to disk whenever a statement in the
   * transaction opens a statement journal, as each customer's and audit row's insert does, so
   * written row by row 100,000 customers become 100,000 tiny index segments merged again and
   * again; written after the rows they go in as a few large ones. The balances and tag rows go in
   * as one statement each.
   */
  bulk?: BulkInsert | undefined;
  /** With `bulk`: the balances row is written now all the same, for writes about to need it (an opening balance). */
  balancesNow?: boolean;
  /** false: see MutationRecord.outbox. */
  outbox?: boolean;
  /** The caller knows no customer holds `number`'s code (books that held none before this bulk insert): not looked up. */
  codeFree?: boolean;
}

/** Inserts one customer; the caller holds the transaction. Returns its id. */
export function insertCustomerInTransaction(ctx: CoreContext, fields: CustomerFields, mutation: string, summary: string, options: InsertOptions = {}): string {
  const { number, bulk, balancesNow = false, outbox = true, codeFree = false } = options;
  const now = ctx.clock.now().toISOString();
  const id = newId(ctx.clock);
  let code = customerCodeFor(ctx, number ?? repo.takeSequence(ctx.sql, customerSeries(ctx)));
  // A code already in use came from elsewhere (another computer's books, downloaded): step past it.
  const taken = ctx.sql.prepare('SELECT 1 FROM customers WHERE code = ?');
  while (!codeFree && taken.get(code)) code = customerCodeFor(ctx, repo.takeSequence(ctx.sql, customerSeries(ctx)));
  const seq = repo.insertCustomer(ctx.sql, {
    id, code, ...fieldsToRow(fields), created_at: now, updated_at: now, deleted_at: null, version: 1,
  }, !bulk || balancesNow);
  if (bulk) {
    bulk.firstSeq ??= seq;
    bulk.lastSeq = seq;
    if (!bulk.searchLater) bulk.search.push({ seq, code, fields });
  } else {
    repo.replaceTags(ctx.sql, { id, seq, name: fields.name }, fields.tags, true);
    indexForSearch(ctx, seq, code, fields, false, true);
  }
  recordMutation(ctx, { entity: 'customer', entityId: id, mutation, action: 'created', summary: `${summary} as ${code}`, args: { id, code, fields }, outbox });
  return id;
}

export function createCustomer(ctx: CoreContext, fields: CustomerFields): Customer {
  const id = ctx.sql.transaction(() => insertCustomerInTransaction(ctx, fields, 'customers.create', 'Customer created'));
  ctx.events.emit('customers.changed', { ids: [id] });
  return getCustomer(ctx, id);
}

function describeChanges(before: CustomerFields, after: CustomerFields): string[] {
  const changed: string[] = [];
  const flat = (f: CustomerFields) => ({ ...f, ...f.address, ...f.aiPreferences, address: undefined, aiPreferences: undefined, tags: f.tags.join(', ') });
  const a = flat(before);
  const b = flat(after);
  for (const key of Object.keys(b) as (keyof typeof b)[]) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changed.push(key);
  }
  return changed;
}

/** Rewrites a customer; the caller holds the transaction. Returns the names of fields that changed. */
export function updateCustomerInTransaction(ctx: CoreContext, existing: repo.CustomerRow, fields: CustomerFields, mutation: string): string[] {
  const before = rowToFields(existing);
  const changed = describeChanges(before, fields);
  if (changed.length === 0) return changed;
  const now = ctx.clock.now().toISOString();
  repo.updateCustomerRow(ctx.sql, { ...existing, ...fieldsToRow(fields), updated_at: now, version: existing.version + 1 });
  repo.replaceTags(ctx.sql, { id: existing.id, seq: existing.seq, name: fields.name }, fields.tags);
  indexForSearch(ctx, existing.seq, existing.code, fields, existing.deleted_at !== null);
  recordMutation(ctx, {
    entity: 'customer', entityId: existing.id, mutation, action: 'updated',
    summary: `Changed ${changed.join(', ')}`,
    args: { id: existing.id, fields }, details: { changed },
  });
  return changed;
}

/** The stored customer, archived or not. */
function storedRow(ctx: CoreContext, id: string): repo.CustomerRow {
  const row = repo.getCustomerRow(ctx.sql, id);
  if (!row) throw new AppError('not_found', 'That customer does not exist. It may have been removed on another device.');
  return row;
}

export function updateCustomer(ctx: CoreContext, input: ChannelParsed<'customers.update'>): Customer {
  ctx.sql.transaction(() => {
    const existing = storedRow(ctx, input.id);
    if (existing.deleted_at) throw new AppError('conflict', `${existing.name} is archived. Restore the customer before editing.`);
    if (existing.version !== input.version) {
      throw new AppError('conflict', `${existing.name} was changed elsewhere since you opened it. Reload to see the newest details, then make your change again.`);
    }
    if (input.customer.currency !== existing.currency && hasLedgerEntries(ctx.sql, existing.id)) {
      throw new AppError(
        'conflict',
        `${existing.name} already has invoices or payments in ${existing.currency}, so their currency stays ${existing.currency}. To bill them in ${input.customer.currency}, create a separate customer.`,
        { currency: `Stays ${existing.currency}: this customer has invoices or payments` },
      );
    }
    updateCustomerInTransaction(ctx, existing, input.customer, 'customers.update');
  });
  ctx.events.emit('customers.changed', { ids: [input.id] });
  return getCustomer(ctx, input.id);
}

function setArchived(ctx: CoreContext, id: string, archived: boolean): Customer {
  ctx.sql.transaction(() => {
    const existing = storedRow(ctx, id);
    if ((existing.deleted_at !== null) === archived) return;
    const now = ctx.clock.now().toISOString();
    repo.updateCustomerRow(ctx.sql, { ...existing, deleted_at: archived ? now : null, updated_at: now, version: existing.version + 1 });
    indexForSearch(ctx, existing.seq, existing.code, rowToFields(existing), archived);
    recordMutation(ctx, {
      entity: 'customer', entityId: id,
      mutation: archived ? 'customers.archive' : 'customers.restore',
      action: archived ? 'archived' : 'restored',
      summary: archived ? 'Customer archived' : 'Customer restored',
      args: { id, at: now },
    });
  });
  ctx.events.emit('customers.changed', { ids: [id] });
  return getCustomer(ctx, id);
}

export const archiveCustomer = (ctx: CoreContext, id: string) => setArchived(ctx, id, true);
export const restoreCustomer = (ctx: CoreContext, id: string) => setArchived(ctx, id, false);

/**
 * The search as an index query with the list's state filters inside it; null: no search; false:
 * matches nothing. The index is first brought up to date with any entries an import held back.
 */
function searchMatch(ctx: CoreContext, query: { search: string; includeArchived: boolean; status?: string | undefined }): string | null | false {
  if (query.search.trim() === '') return null;
  const match = toMatchExpression(query.search);
  if (match === null) return false;
  catchUpSearch(ctx.sql);
  return withStateFilter(match, query.includeArchived, query.status);
}

/** Above this many matches, reading each one's name to sort them costs more than the order kept in memory. */
const MANY_MATCHES = 200;

/**
 * A search of live customers by name whose every filter is inside the match: its page comes from
 * the matches' keys and the name order in memory (nameOrder.ts), the same rows in the same order.
 */
function sortsManyMatchesByName(query: Omit<ChannelParsed<'customers.list'>, 'offset' | 'limit'>, match: string | null, total: number): match is string {
  return match !== null && total > MANY_MATCHES && query.sort === 'name' && !query.includeArchived && !query.tag && !query.paymentStatus;
}

export function listCustomers(ctx: CoreContext, input: ChannelParsed<'customers.list'>): CustomerListPage {
  const { offset, limit, ...query } = input;
  const match = searchMatch(ctx, query);
  if (match === false) return { rows: [], total: 0, offset };
  const dates = statusDates(ctx);
  const countKey = JSON.stringify([match, query.tag, query.paymentStatus, query.includeArchived, query.status]);
  // A search the name order can page counts its matches by listing them, and keeps the list.
  let matches: Float64Array | null = null;
  const total = cachedCount(ctx.sql, 'customers', dates.today, countKey, () => {
    if (!match || !sortsManyMatchesByName(query, match, Infinity)) return repo.countCustomers(ctx.sql, query, match, dates);
    matches = repo.matchingSeqs(ctx.sql, match);
    return matches.length;
  });
  // The count tells the query which way to read: a few matches sorted, or the sort index filtered.
  const keys = sortsManyMatchesByName(query, match, total)
    ? pageInNameOrder(ctx.sql, matches ?? repo.matchingSeqs(ctx.sql, match), query.direction, offset, limit)
    : repo.pageCustomerKeys(ctx.sql, query, match, dates, offset, limit, total);
  const rows = repo.listRowsBySeq(ctx.sql, keys, dates).map(toListRow);
  return { rows, total, offset };
}

const EXPORT_PAGE = 500;

/** Every matching customer, in list order, for export. */
export function allMatchingCustomers(ctx: CoreContext, query: ChannelParsed<'customers.export'>): Customer[] {
  const match = searchMatch(ctx, query);
  const dates = statusDates(ctx);
  if (match === false) return [];
  const customers: Customer[] = [];
  // Page through the list so no single statement grows with the number of customers.
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const keys = repo.pageCustomerKeys(ctx.sql, query, match, dates, offset, EXPORT_PAGE);
    for (const row of repo.customersBySeq(ctx.sql, keys, dates)) customers.push(toCustomer(row));
    if (keys.length < EXPORT_PAGE) return customers;
  }
}

export function customerStats(ctx: CoreContext): CustomerStats {
  const counts = Object.fromEntries(repo.customerStatusCounts(ctx.sql).map((r) => [r.status, r.n]));
  const active = counts['active'] ?? 0;
  const inactive = counts['inactive'] ?? 0;
  const suspended = counts['suspended'] ?? 0;
  return {
    total: active + inactive + suspended,
    active,
    inactive,
    suspended,
    withOverdue: repo.countWithOverdue(ctx.sql, statusDates(ctx).today),
    outstanding: repo.outstandingByCurrency(ctx.sql).map((r) => ({ currency: r.currency, minor: Number(r.minor) })),
    topByBilled: repo.topCustomersByBilled(ctx.sql, 5).map((r) => ({ id: r.id, code: r.code, name: r.name, currency: r.currency, billedMinor: r.billed_minor })),
  };
}

export function customerActivity(ctx: CoreContext, id: string, limit: number) {
  storedRow(ctx, id);
  return listCustomerActivity(ctx.sql, id, limit);
}

export const customerTags = (ctx: CoreContext) => repo.distinctTags(ctx.sql);
