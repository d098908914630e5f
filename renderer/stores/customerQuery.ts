// The customer list's search, filters and sort: kept while a person visits a customer and comes back.
import { create } from 'zustand';
import type { CustomerStatus, PaymentStatus } from '../../shared/domain/customer';

export type CustomerSort = 'name' | 'outstanding' | 'lastInvoice' | 'code' | 'created';

export interface CustomerFilters {
  search: string;
  status: CustomerStatus | '';
  paymentStatus: PaymentStatus | '';
  tag: string;
  sort: CustomerSort;
  direction: 'asc' | 'desc';
  includeArchived: boolean;
}

interface CustomerQueryState extends CustomerFilters {
  set: (patch: Partial<CustomerFilters>) => void;
  clearSearch: () => void;
  clearAll: () => void;
}

const initial: CustomerFilters = {
  search: '',
  status: '',
  paymentStatus: '',
  tag: '',
  sort: 'name',
  direction: 'asc',
  includeArchived: false,
};

export const useCustomerQuery = create<CustomerQueryState>((set) => ({
  ...initial,
  set: (patch) => set(patch),
  clearSearch: () => set({ search: '' }),
  clearAll: () => set({ search: '', status: '', paymentStatus: '', tag: '', includeArchived: false }),
}));

/** The filters as the contract's query: empty choices are left out. */
export function toQuery(f: CustomerFilters) {
  return {
    search: f.search.trim(),
    ...(f.status ? { status: f.status } : {}),
    ...(f.paymentStatus ? { paymentStatus: f.paymentStatus } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    sort: f.sort,
    direction: f.direction,
    includeArchived: f.includeArchived,
  };
}

export function hasFilters(f: CustomerFilters): boolean {
  return f.search.trim() !== '' || f.status !== '' || f.paymentStatus !== '' || f.tag !== '';
}
