// The invoice list's search, filters and sort: kept while a person opens an invoice and comes back.
import { create } from 'zustand';
import type { ChannelInput } from '../../shared/contract';
import type { InvoiceFilter, InvoiceSort } from '../../shared/domain/invoice';
import { parseMoney, type CurrencyCode } from '../../shared/money';

export interface InvoiceFilters {
  search: string;
  status: InvoiceFilter | '';
  /** YYYY-MM-DD or ''. */
  issuedFrom: string;
  issuedTo: string;
  /** '' : every currency. The total filters need one: an amount means something only in its own currency. */
  currency: CurrencyCode | '';
  /** As typed ("15,000", "2.5k"); read with parseMoney in `currency`; cleared when that goes back to every currency. */
  minTotal: string;
  maxTotal: string;
  sort: InvoiceSort;
  direction: 'asc' | 'desc';
}

interface InvoiceQueryState extends InvoiceFilters {
  set: (patch: Partial<InvoiceFilters>) => void;
  clearAll: () => void;
}

export const DEFAULT_SORT: Pick<InvoiceFilters, 'sort' | 'direction'> = { sort: 'issueDate', direction: 'desc' };

const cleared = { search: '', status: '', issuedFrom: '', issuedTo: '', currency: '', minTotal: '', maxTotal: '' } as const;

export const useInvoiceQuery = create<InvoiceQueryState>((set) => ({
  ...cleared,
  ...DEFAULT_SORT,
  // Amounts typed for one currency mean nothing across all of them.
  set: (patch) => set(patch.currency === '' ? { ...patch, minTotal: '', maxTotal: '' } : patch),
  clearAll: () => set(cleared),
}));

/** What is wrong with a typed amount filter, or null. Empty is fine (no filter). */
export function amountProblem(text: string, currency: CurrencyCode): string | null {
  if (text.trim() === '') return null;
  return parseMoney(text, currency) === null ? 'Enter an amount like 15,000 or 2.5k' : null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type InvoiceListQuery = Omit<ChannelInput<'invoices.list'>, 'offset' | 'limit'>;

/** The filters as the contract's query: empty or unreadable choices are left out. */
export function toInvoiceQuery(f: InvoiceFilters): InvoiceListQuery {
  // Totals are compared in minor units, so only within the one currency chosen.
  const currency = f.currency;
  const min = currency && f.minTotal.trim() ? parseMoney(f.minTotal, currency) : null;
  const max = currency && f.maxTotal.trim() ? parseMoney(f.maxTotal, currency) : null;
  return {
    search: f.search.trim(),
    ...(f.status ? { status: f.status } : {}),
    ...(DATE.test(f.issuedFrom) ? { issuedFrom: f.issuedFrom } : {}),
    ...(DATE.test(f.issuedTo) ? { issuedTo: f.issuedTo } : {}),
    ...(f.currency ? { currency: f.currency } : {}),
    ...(min !== null ? { minTotalMinor: min } : {}),
    ...(max !== null ? { maxTotalMinor: max } : {}),
    sort: f.sort,
    direction: f.direction,
  };
}

export function hasInvoiceFilters(f: InvoiceFilters): boolean {
  return (
    f.search.trim() !== '' || f.status !== '' || f.issuedFrom !== '' || f.issuedTo !== '' ||
    f.currency !== '' || f.minTotal.trim() !== '' || f.maxTotal.trim() !== ''
  );
}
