// Every channel between the renderer and the backend: its zod input schema and its output type.
// The same contract is served over Electron IPC and over HTTP by electron/host.
import { z } from 'zod';
import {
  CUSTOMER_STATUSES,
  PAYMENT_STATUSES,
  customerInputSchema,
  type Customer,
  type CustomerListRow,
} from './domain/customer';

/** Declares an output type without a runtime schema: outputs are made by our own code. */
const output = <T>() => undefined as unknown as T;

export const customerSortSchema = z.enum(['name', 'outstanding', 'lastInvoice', 'code', 'created']);

export const customerQuerySchema = z.object({
  search: z.string().max(200).default(''),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  paymentStatus: z.enum(PAYMENT_STATUSES).optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  sort: customerSortSchema.default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  includeArchived: z.boolean().default(false),
});
export type CustomerQuery = z.input<typeof customerQuerySchema>;

const idSchema = z.uuid({ error: 'Not a valid id' });

export const importMappingSchema = z.record(z.string(), z.string().nullable());

export const importFileSchema = z.object({
  /** The file's text as read in the renderer; a BOM and CRLF are fine. */
  csvText: z.string().max(40 * 1024 * 1024, 'That file is over 40 MB; split it into smaller files'),
  fileName: z.string().max(300).default('import.csv'),
  /** Customer field -> CSV header. Absent: the preview proposes one. */
  mapping: importMappingSchema.optional(),
});

export interface CustomerListPage {
  rows: CustomerListRow[];
  total: number;
  offset: number;
}

export interface CurrencyAmount {
  currency: string;
  minor: number;
}

export interface CustomerStats {
  total: number;
  active: number;
  inactive: number;
  suspended: number;
  withOverdue: number;
  outstanding: CurrencyAmount[];
  topByBilled: { id: string; code: string; name: string; currency: string; billedMinor: number }[];
}

export interface ActivityEntry {
  id: number;
  at: string;
  action: string;
  summary: string;
}

export const IMPORT_FIELDS = [
  'name', 'email', 'phone', 'secondaryEmail', 'secondaryPhone', 'street', 'city', 'postalCode', 'country',
  'businessType', 'taxId', 'paymentTerms', 'creditLimit', 'currency', 'status', 'notes', 'tags',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  name: 'Name', email: 'Email', phone: 'Phone', secondaryEmail: 'Secondary email', secondaryPhone: 'Secondary phone',
  street: 'Street', city: 'City', postalCode: 'Postal code', country: 'Country', businessType: 'Business type',
  taxId: 'Tax ID', paymentTerms: 'Payment terms', creditLimit: 'Credit limit', currency: 'Currency', status: 'Status',
  notes: 'Notes', tags: 'Tags',
};

export interface ImportRejectedRow {
  line: number;
  reasons: string[];
}

export interface ImportDuplicate {
  line: number;
  name: string;
  matchedOn: ('email' | 'phone' | 'taxId')[];
  existing: { id: string; code: string; name: string };
}

export interface ImportPreview {
  fileName: string;
  delimiter: string;
  headers: string[];
  mapping: Record<string, string | null>;
  totalRows: number;
  acceptedRows: number;
  rejected: ImportRejectedRow[];
  duplicates: ImportDuplicate[];
  sample: { line: number; name: string; email: string; phone: string }[];
}

export interface ImportResult {
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
}

export const contract = {
  'customers.list': {
    input: customerQuerySchema.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: output<CustomerListPage>(),
  },
  'customers.get': { input: z.object({ id: idSchema }), output: output<Customer>() },
  'customers.create': { input: customerInputSchema, output: output<Customer>() },
  'customers.update': {
    input: z.object({
      id: idSchema,
      /** The version the person edited, so a stale form cannot overwrite newer data. */
      version: z.number().int().min(1),
      customer: customerInputSchema,
    }),
    output: output<Customer>(),
  },
  'customers.archive': { input: z.object({ id: idSchema }), output: output<Customer>() },
  'customers.restore': { input: z.object({ id: idSchema }), output: output<Customer>() },
  'customers.stats': { input: z.object({}).default({}), output: output<CustomerStats>() },
  'customers.tags': { input: z.object({}).default({}), output: output<string[]>() },
  'customers.activity': {
    input: z.object({ id: idSchema, limit: z.number().int().min(1).max(500).default(100) }),
    output: output<ActivityEntry[]>(),
  },
  'customers.import.preview': { input: importFileSchema, output: output<ImportPreview>() },
  'customers.import.commit': {
    input: importFileSchema.extend({
      mapping: importMappingSchema,
      /** CSV line -> what to do with a probable duplicate. Unlisted duplicates are skipped. */
      duplicateActions: z.record(z.string().regex(/^\d+$/), z.enum(['skip', 'update'])).default({}),
    }),
    output: output<ImportResult>(),
  },
  'customers.export': {
    input: customerQuerySchema.default({ search: '', sort: 'name', direction: 'asc', includeArchived: false }),
    output: output<{ fileName: string; csvText: string; rows: number }>(),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsed<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = Contract[C]['output'];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

/** Events from the backend to every window. */
export interface EventMap {
  'customers.changed': { ids: string[] };
  notify: { level: 'info' | 'warning' | 'error'; message: string };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['customers.changed', 'notify'];
