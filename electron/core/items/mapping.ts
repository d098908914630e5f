// Stored item rows <-> the Item the contract promises, and the catalog entries drafting reads.
import type { CatalogEntry } from '../../../shared/drafting/catalog';
import type { Item, ItemFields } from '../../../shared/domain/item';
import type { CurrencyCode } from '../../../shared/money';
import type { ItemRow } from './repo';

export function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    unit: row.unit,
    priceMinor: row.price_minor,
    currency: row.currency as CurrencyCode,
    taxRateBp: row.tax_rate_bp,
    archived: row.deleted_at !== null,
    archivedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function fieldsOf(row: ItemRow): ItemFields {
  return { name: row.name, code: row.code, unit: row.unit, priceMinor: row.price_minor, currency: row.currency as CurrencyCode, taxRateBp: row.tax_rate_bp };
}

export function toCatalogEntry(row: ItemRow): CatalogEntry {
  return {
    id: row.id, name: row.name, code: row.code, unit: row.unit, priceMinor: row.price_minor, currency: row.currency as CurrencyCode, taxRateBp: row.tax_rate_bp,
  };
}
