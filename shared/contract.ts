// Every channel between the renderer and the backend: its zod input schema and its output type.
// The same contract is served over Electron IPC and over HTTP by electron/host.
import { z } from 'zod';
import { multiLine } from './text';
import {
  CUSTOMER_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  customerInputSchema,
  type Customer,
  type CustomerListRow,
} from './domain/customer';
import {
  INVOICE_FILTERS,
  INVOICE_SORTS,
  businessDateSchema,
  draftContentSchema,
  draftOriginSchema,
  type AgingRow,
  type CreditNote,
  type DraftVersion,
  type DraftVersionSummary,
  type Invoice,
  type InvoiceListRow,
} from './domain/invoice';
import { allocationListSchema, paymentInputSchema, type Payment, type PaymentListRow } from './domain/payment';
import { AMOUNT_TOO_LARGE, CURRENCIES, MAX_AMOUNT_MINOR } from './money';
import {
  importCommitSchema,
  importFileSchema,
  importMappingSchema,
  type ImportHeldBack as HeldBack,
  type ImportPreviewBase,
  type ImportRejectedRow,
} from './domain/imports';

import { output } from './channels/output';
import { idSchema, page } from './channels/common';
import { analyticsChannels } from './channels/analytics';
import { intelligenceChannels } from './channels/intelligence';
import { draftingChannels } from './channels/drafting';
import { jobChannels } from './channels/jobs';
import { settingsChannels } from './channels/settings';
import { sendingChannels } from './channels/sending';
import { appChannels } from './channels/app';
import { cloudChannels, type SyncStatus } from './channels/cloud';
import { booksChannels } from './channels/books';
import { itemChannels } from './channels/items';
import { invoiceImportChannels } from './channels/invoiceImport';
import { paymentChannels } from './channels/payments';
import { cloudPaymentChannels } from './channels/cloudPayments';
import { statementImportChannels } from './channels/statementImport';
import { homeChannels } from './channels/home';
import { etimsChannels } from './channels/etims';
import { refundChannels } from './channels/refunds';
import { quoteChannels } from './channels/quotes';
import { statementChannels } from './channels/statements';
import { recurringChannels } from './channels/recurring';
import type { ActivityEvent } from './domain/sending';
import type { JobEvents } from './domain/jobs';

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


export { importFileSchema, importMappingSchema };

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
  'name', 'company', 'firstName', 'lastName', 'email', 'phone', 'secondaryEmail', 'secondaryPhone', 'street', 'street2', 'city',
  'region', 'postalCode', 'country', 'businessType', 'taxId', 'paymentTerms', 'creditLimit', 'currency', 'status', 'notes', 'tags',
  'openingBalance', 'openingBalanceDate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  name: 'Name', company: 'Company (if no name)', firstName: 'First name', lastName: 'Last name',
  email: 'Email', phone: 'Phone', secondaryEmail: 'Secondary email', secondaryPhone: 'Secondary phone',
  street: 'Street', street2: 'Street, second line', city: 'City', region: 'County, state or province', postalCode: 'Postal code',
  country: 'Country', businessType: 'Business type', taxId: 'Tax ID', paymentTerms: 'Payment terms', creditLimit: 'Credit limit',
  currency: 'Currency', status: 'Status', notes: 'Notes', tags: 'Tags',
  openingBalance: 'Opening balance (owed)', openingBalanceDate: 'Opening balance date',
};

export type { ImportRejectedRow };
export type { ImportWarning, ImportSource } from './domain/imports';

export interface ImportDuplicate {
  line: number;
  name: string;
  matchedOn: ('email' | 'phone' | 'taxId')[];
  existing: { id: string; code: string; name: string };
}

/** A column the preview did not propose although its header matched a field: the first row it would reject, and why. */
export type ImportHeldBack = HeldBack<ImportField>;

export interface ImportPreview extends ImportPreviewBase {
  duplicates: ImportDuplicate[];
  sample: { line: number; name: string; email: string; phone: string }[];
  /** Proposed mappings only: columns whose header matched a field but whose filled cells mostly do not fit it. */
  heldBack: ImportHeldBack[];
  /** What the file says new customers owed when they left the other tool: each becomes an opening-balance entry. */
  openingBalances: { count: number; totalMinor: number; problems: { line: number; message: string }[] };
}

export interface ImportResult {
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  /** Opening-balance entries recorded (new customers only). */
  openingBalances: number;
}

export const invoiceQuerySchema = z.object({
  /** Matches the invoice number and the customer's name, email, phone and code. */
  search: z.string().max(200).default(''),
  status: z.enum(INVOICE_FILTERS).optional(),
  customerId: idSchema.optional(),
  issuedFrom: businessDateSchema.optional(),
  issuedTo: businessDateSchema.optional(),
  currency: z.enum(CURRENCIES).optional(),
  minTotalMinor: z.number().int().min(0).optional(),
  maxTotalMinor: z.number().int().min(0).optional(),
  sort: z.enum(INVOICE_SORTS).default('issueDate'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
export type InvoiceQuery = z.input<typeof invoiceQuerySchema>;

export interface InvoiceListPage {
  rows: InvoiceListRow[];
  total: number;
  offset: number;
}

export const paymentQuerySchema = z.object({
  /** An M-Pesa code or reference, a receipt number, or part of the customer's name. */
  search: z.string().trim().max(100, 'At most 100 characters').default(''),
  customerId: idSchema.optional(),
  invoiceId: idSchema.optional(),
  method: z.enum(PAYMENT_METHODS).optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
  includeReversed: z.boolean().default(true),
});

export interface PaymentListPage {
  rows: PaymentListRow[];
  total: number;
  offset: number;
}

const reason = (what: string) => multiLine(z.string().trim().min(3, `Say why ${what} (at least 3 characters)`).max(500, 'At most 500 characters'));

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
  /**
   * Customers who already have this email, phone or tax ID (the form's warning, as the import gives):
   * read the way a save reads them, so "0722 123456" finds "+254722123456".
   */
  'customers.lookalikes': {
    input: z.object({
      email: z.string().max(320).default(''),
      phone: z.string().max(40).default(''),
      taxId: z.string().max(40).default(''),
      country: z.string().max(60).default('KE'),
      exceptId: idSchema.optional(),
    }),
    output: output<{ field: 'email' | 'phone' | 'taxId'; customer: { id: string; code: string; name: string } }[]>(),
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
  'customers.import.commit': { input: importCommitSchema, output: output<ImportResult>() },
  'customers.export': {
    input: customerQuerySchema.default({ search: '', sort: 'name', direction: 'asc', includeArchived: false }),
    output: output<{ fileName: string; csvText: string; rows: number }>(),
  },

  'invoices.list': { input: invoiceQuerySchema.extend(page), output: output<InvoiceListPage>() },
  'invoices.get': { input: z.object({ id: idSchema }), output: output<Invoice>() },
  /** The number finalizing this draft would take now, for the confirmation; nothing is reserved. */
  'invoices.nextNumber': { input: z.object({ id: idSchema }), output: output<{ number: string }>() },
  'invoices.finalize': {
    input: z.object({ id: idSchema, /** The draft version the person confirmed. */ version: z.number().int().min(1) }),
    output: output<Invoice>(),
  },
  'invoices.void': { input: z.object({ id: idSchema, reason: reason('it is void') }), output: output<Invoice>() },
  'invoices.creditNote': {
    input: z.object({
      invoiceId: idSchema,
      /** Tax included. Absent: everything still owed. */
      amountMinor: z.number().int('Whole cents only').min(1, 'The amount must be more than 0').max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE).optional(),
      /**
       * Tax included, per rate: what is credited at each rate (returning an exempt item credits no VAT).
       * Absent: the amount is spread over the invoice's rates in proportion.
       */
      byRate: z
        .array(z.object({ taxRateBp: z.number().int().min(0).max(10_000).nullable(), amountMinor: z.number().int().min(1, 'More than 0').max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE) }))
        .min(1)
        .max(20)
        .refine((rows) => new Set(rows.map((r) => String(r.taxRateBp))).size === rows.length, 'A rate is listed twice')
        .optional(),
      reason: reason('it is credited'),
      issueDate: businessDateSchema.optional(),
    }),
    output: output<CreditNote>(),
  },
  'invoices.aging': { input: z.object({ customerId: idSchema.optional() }).default({}), output: output<AgingRow[]>() },

  'drafts.create': {
    input: z.object({ draft: draftContentSchema, origin: draftOriginSchema.default({ source: 'manual', prompt: null, aiConfidence: null, warnings: [] }) }),
    output: output<Invoice>(),
  },
  'drafts.update': {
    input: z.object({
      id: idSchema,
      /** The draft version the person edited, so a stale editor cannot overwrite a newer save. */
      version: z.number().int().min(1),
      draft: draftContentSchema,
      origin: draftOriginSchema.optional(),
    }),
    output: output<Invoice>(),
  },
  'drafts.versions': { input: z.object({ id: idSchema }), output: output<DraftVersionSummary[]>() },
  'drafts.version': { input: z.object({ id: idSchema, version: z.number().int().min(1) }), output: output<DraftVersion>() },
  /** Saves an older version's content as the newest version. */
  'drafts.restore': {
    input: z.object({ id: idSchema, version: z.number().int().min(1), currentVersion: z.number().int().min(1) }),
    output: output<Invoice>(),
  },
  /** A new draft with an invoice's customer, lines and terms, dated today. */
  'drafts.duplicate': { input: z.object({ invoiceId: idSchema }), output: output<Invoice>() },
  'drafts.discard': { input: z.object({ id: idSchema }), output: output<{ id: string }>() },

  'payments.record': { input: paymentInputSchema, output: output<Payment>() },
  /** Where a payment would go if recorded now (oldest due first), for the dialog to show. */
  'payments.proposeAllocation': {
    input: z.object({ customerId: idSchema, amountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR, AMOUNT_TOO_LARGE) }),
    output: output<{ allocations: { invoiceId: string; invoiceNumber: string; dueDate: string; balanceMinor: number; amountMinor: number }[]; creditMinor: number }>(),
  },
  'payments.reverse': { input: z.object({ id: idSchema, reason: reason('it is reversed') }), output: output<Payment>() },
  'payments.get': { input: z.object({ id: idSchema }), output: output<Payment>() },
  'payments.list': { input: paymentQuerySchema.extend(page), output: output<PaymentListPage>() },
  /** The payments the list's filters match, as a CSV a spreadsheet opens (every cell guarded). */
  'payments.export': { input: paymentQuerySchema, output: output<{ fileName: string; csvText: string; rows: number }>() },
  /** Applies the customer's unused credit to their unpaid invoices, oldest due first (or to the listed ones). */
  'payments.applyCredit': {
    input: z.object({ customerId: idSchema, allocations: allocationListSchema.optional() }),
    output: output<{ appliedMinor: number; creditLeftMinor: number }>(),
  },
  /** Takes one payment off one invoice: the invoice owes that again and the money is the customer's credit. */
  'payments.unapply': {
    input: z.object({ paymentId: idSchema, invoiceId: idSchema, reason: reason('it is taken off this invoice') }),
    output: output<Payment>(),
  },
  ...draftingChannels,
  ...jobChannels,
  ...settingsChannels,
  ...analyticsChannels,
  ...intelligenceChannels,
  ...sendingChannels,
  ...appChannels,
  ...cloudChannels,
  ...booksChannels,
  ...itemChannels,
  ...invoiceImportChannels,
  ...paymentChannels,
  ...cloudPaymentChannels,
  ...statementImportChannels,
  ...homeChannels,
  ...etimsChannels,
  ...refundChannels,
  ...quoteChannels,
  ...statementChannels,
  ...recurringChannels,
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
  /** Catalog items were added, changed, archived or imported; empty ids: many. */
  'items.changed': { ids: string[] };
  'invoices.changed': { ids: string[]; customerIds: string[] };
  notify: { level: 'info' | 'warning' | 'error'; message: string };
  'jobs.changed': JobEvents['jobs.changed'];
  'jobs.progress': JobEvents['jobs.progress'];
  'settings.changed': Record<string, never>;
  /** A message was queued, sent or failed: delivery status and the log refresh. */
  'sending.changed': { invoiceIds: string[]; customerIds: string[] };
  /** Something worth a desktop notification (Electron) or a toast (browser). */
  activity: ActivityEvent;
  /** Sync moved on: the sidebar and Settings show where it stands. */
  'sync.status': SyncStatus;
  /** Rows from other devices were applied: lists and pages refresh. */
  'sync.applied': { customerIds: string[]; invoiceIds: string[] };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['customers.changed', 'items.changed', 'invoices.changed', 'notify', 'jobs.changed', 'jobs.progress', 'settings.changed', 'sending.changed', 'activity', 'sync.status', 'sync.applied'];
