// Catalog rules and transactions. Every write: the row, its search entry, an audit row and an
// outbox row, in one transaction. Items are archived, never deleted: old invoices still name them.
import type { ChannelParsed } from '../../../shared/contract';
import type { Item, ItemFields, ItemListPage } from '../../../shared/domain/item';
import { AppError } from '../../../shared/errors';
import { CURRENCIES, type CurrencyCode } from '../../../shared/money';
import { recordMutation } from '../audit/record';
import type { CoreContext } from '../context';
import { newId } from '../ids';
import { fieldsOf, toItem } from './mapping';
import * as repo from './repo';
import { itemMatchExpression } from './search';

export const itemsChanged = (ctx: CoreContext, ids: string[]) => ctx.events.emit('items.changed', { ids: ids.length <= 100 ? ids : [] });

/** The business's own currency: what a catalog price is in unless the item says otherwise. */
export function businessCurrency(ctx: CoreContext): CurrencyCode {
  const currency = ctx.config.business.defaultCurrency;
  return (CURRENCIES as readonly string[]).includes(currency) ? (currency as CurrencyCode) : 'KES';
}

function storedItem(ctx: CoreContext, id: string): repo.ItemRow {
  const row = repo.getItemRow(ctx.sql, id);
  if (!row) throw new AppError('not_found', 'That item does not exist. It may have been removed on another device.');
  return row;
}

export function getItem(ctx: CoreContext, id: string): Item {
  return toItem(storedItem(ctx, id));
}

/** A code names one live item; refused with the item that has it. */
function checkCode(ctx: CoreContext, code: string, self: string | null): void {
  if (code === '') return;
  const other = repo.liveItemByCode(ctx.sql, code);
  if (other && other.id !== self) {
    throw new AppError('conflict', `The code ${code} is already used by “${other.name}”. Give this item another code, or leave it empty.`, {
      code: `Used by ${other.name}`,
    });
  }
}

/** Inserts one item; the caller holds the transaction. Returns its id. */
export function insertItemInTransaction(ctx: CoreContext, fields: ItemFields, mutation: string, summary: string, archived = false): string {
  checkCode(ctx, fields.code, null);
  const now = ctx.clock.now().toISOString();
  const id = newId(ctx.clock);
  const row = {
    id, code: fields.code, name: fields.name, unit: fields.unit, price_minor: fields.priceMinor, currency: fields.currency ?? businessCurrency(ctx),
    tax_rate_bp: fields.taxRateBp, created_at: now, updated_at: now, deleted_at: archived ? now : null, version: 1,
  };
  const seq = repo.insertItem(ctx.sql, row);
  repo.replaceSearch(ctx.sql, seq, row, true);
  recordMutation(ctx, { entity: 'item', entityId: id, mutation, action: 'created', summary, args: { id, fields: { ...fields, currency: row.currency }, archived } });
  return id;
}

export function createItem(ctx: CoreContext, fields: ItemFields): Item {
  const id = ctx.sql.transaction(() => insertItemInTransaction(ctx, fields, 'items.create', `Item “${fields.name}” added`));
  itemsChanged(ctx, [id]);
  return getItem(ctx, id);
}

function changedFields(before: ItemFields, after: ItemFields): string[] {
  return (Object.keys(after) as (keyof ItemFields)[]).filter((k) => before[k] !== after[k]);
}

/** Rewrites an item; the caller holds the transaction. Returns the names of the fields that changed. */
export function updateItemInTransaction(ctx: CoreContext, existing: repo.ItemRow, fields: ItemFields, mutation: string): string[] {
  const next: ItemFields = { ...fields, currency: fields.currency ?? (existing.currency as CurrencyCode) };
  const changed = changedFields(fieldsOf(existing), next);
  if (changed.length === 0) return changed;
  checkCode(ctx, next.code, existing.id);
  const now = ctx.clock.now().toISOString();
  const row: repo.ItemRow = {
    ...existing, code: next.code, name: next.name, unit: next.unit, price_minor: next.priceMinor, currency: next.currency!, tax_rate_bp: next.taxRateBp,
    updated_at: now, version: existing.version + 1,
  };
  repo.updateItemRow(ctx.sql, row);
  repo.replaceSearch(ctx.sql, existing.seq, row);
  recordMutation(ctx, {
    entity: 'item', entityId: existing.id, mutation, action: 'updated', summary: `Changed ${changed.join(', ')}`,
    args: { id: existing.id, fields: next }, details: { changed },
  });
  return changed;
}

export function updateItem(ctx: CoreContext, input: ChannelParsed<'items.update'>): Item {
  ctx.sql.transaction(() => {
    const existing = storedItem(ctx, input.id);
    if (existing.deleted_at) throw new AppError('conflict', `“${existing.name}” is archived. Restore it before editing.`);
    if (existing.version !== input.version) {
      throw new AppError('conflict', `“${existing.name}” was changed elsewhere since you opened it. Reload to see the newest details, then make your change again.`);
    }
    updateItemInTransaction(ctx, existing, input.item, 'items.update');
  });
  itemsChanged(ctx, [input.id]);
  return getItem(ctx, input.id);
}

function setArchived(ctx: CoreContext, id: string, archived: boolean): Item {
  ctx.sql.transaction(() => {
    const existing = storedItem(ctx, id);
    if ((existing.deleted_at !== null) === archived) return;
    // An archived item gave its code up; restoring it must not take it back from another item.
    if (!archived) checkCode(ctx, existing.code, existing.id);
    const now = ctx.clock.now().toISOString();
    const row = { ...existing, deleted_at: archived ? now : null, updated_at: now, version: existing.version + 1 };
    repo.updateItemRow(ctx.sql, row);
    repo.replaceSearch(ctx.sql, existing.seq, row);
    recordMutation(ctx, {
      entity: 'item', entityId: id, mutation: archived ? 'items.archive' : 'items.restore', action: archived ? 'archived' : 'restored',
      summary: archived ? `Item “${existing.name}” archived` : `Item “${existing.name}” restored`, args: { id, at: now },
    });
  });
  itemsChanged(ctx, [id]);
  return getItem(ctx, id);
}

export const archiveItem = (ctx: CoreContext, id: string) => setArchived(ctx, id, true);
export const restoreItem = (ctx: CoreContext, id: string) => setArchived(ctx, id, false);

type ItemQuery = Omit<ChannelParsed<'items.list'>, 'offset' | 'limit'>;

function listQuery(query: ItemQuery) {
  const match = query.search.trim() === '' ? null : itemMatchExpression(query.search, query.includeArchived);
  return { match, includeArchived: query.includeArchived, sort: query.sort, direction: query.direction };
}

export function listItems(ctx: CoreContext, input: ChannelParsed<'items.list'>): ItemListPage {
  const { offset, limit, ...query } = input;
  const q = listQuery(query);
  // Something typed that holds no letters or digits matches nothing, rather than everything.
  if (query.search.trim() !== '' && q.match === null) return { rows: [], total: 0, offset };
  return { rows: repo.pageItems(ctx.sql, q, offset, limit).map(toItem), total: repo.countItems(ctx.sql, q), offset };
}

/** Every item the list would show, in its order, for export. */
export function allMatchingItems(ctx: CoreContext, query: ItemQuery): Item[] {
  const q = listQuery(query);
  if (query.search.trim() !== '' && q.match === null) return [];
  const items: Item[] = [];
  for (let offset = 0; ; offset += 500) {
    const rows = repo.pageItems(ctx.sql, q, offset, 500);
    items.push(...rows.map(toItem));
    if (rows.length < 500) return items;
  }
}

/**
 * The picker: live items only. An exact code first, then names that start with what was typed (in
 * name order), then items with any word starting so, in name order among the first hundred or so
 * the index gives: what is typed next narrows it, and no search ever sorts the whole catalog.
 */
export function searchItems(ctx: CoreContext, input: ChannelParsed<'items.search'>): Item[] {
  const typed = input.query.trim();
  if (typed === '') return repo.firstLiveItems(ctx.sql, input.limit).map(toItem);
  const match = itemMatchExpression(typed, false);
  if (match === null) return [];
  const found = new Map<string, repo.ItemRow>();
  const add = (rows: (repo.ItemRow | undefined)[]) => {
    for (const row of rows) if (row && found.size < input.limit && !found.has(row.id)) found.set(row.id, row);
  };
  add([repo.liveItemWithCode(ctx.sql, typed)]);
  add(repo.liveItemsNamedFrom(ctx.sql, typed, input.limit));
  if (found.size < input.limit) {
    const rest = repo.liveItemsMatching(ctx.sql, match, PICKER_WINDOW);
    rest.sort((a, b) => byName(a.name, b.name) || a.seq - b.seq);
    add(rest);
  }
  return [...found.values()].map(toItem);
}

const byName = new Intl.Collator('en', { sensitivity: 'base' }).compare;

/** How many word matches the picker orders by name; past that, what is typed next narrows them. */
const PICKER_WINDOW = 120;
