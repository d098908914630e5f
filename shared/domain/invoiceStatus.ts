// Invoice statuses and their labels, apart from the schemas: the first screen's bundle carries these, not zod.
export const INVOICE_STATUSES = ['draft', 'open', 'partially_paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** What the list filters by: a stored status, or one derived when read. */
export const INVOICE_FILTERS = [...INVOICE_STATUSES, 'overdue', 'unpaid'] as const;
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number];

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus | 'overdue' | 'unpaid', string> = {
  draft: 'Draft', open: 'Open', partially_paid: 'Partially paid', paid: 'Paid', void: 'Void', overdue: 'Overdue', unpaid: 'Unpaid',
};
