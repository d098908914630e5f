// Customer and payment statuses, apart from the schemas: the first screen's bundle carries these, not zod.
export const CUSTOMER_STATUSES = ['active', 'inactive', 'suspended'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const PAYMENT_STATUSES = ['good', 'warning', 'overdue'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
