// Stored row <-> domain object. The only place that knows both shapes.
import type { Customer, CustomerFields, CustomerListRow, CustomerFinancials, PaymentStatus } from '../../../shared/domain/customer';
import type { CustomerRow, CustomerWithBalance } from './repo';

export function fieldsToRow(fields: CustomerFields) {
  return {
    name: fields.name,
    email: fields.email,
    phone: fields.phone,
    secondary_email: fields.secondaryEmail,
    secondary_phone: fields.secondaryPhone,
    street: fields.address.street,
    city: fields.address.city,
    postal_code: fields.address.postalCode,
    country: fields.address.country,
    business_type: fields.businessType,
    tax_id: fields.taxId,
    payment_terms_days: fields.paymentTermsDays,
    credit_limit_minor: fields.creditLimitMinor,
    currency: fields.currency,
    status: fields.status,
    preferred_payment_method: fields.preferredPaymentMethod,
    auto_send_invoices: fields.autoSendInvoices ? 1 : 0,
    send_reminders: fields.sendReminders ? 1 : 0,
    ai_template: fields.aiPreferences.template,
    ai_language: fields.aiPreferences.language,
    ai_include_tax: fields.aiPreferences.includeTax ? 1 : 0,
    notes: fields.notes,
    tags: JSON.stringify(fields.tags),
  };
}

export function rowToFields(row: CustomerRow): CustomerFields {
  return {
    name: row.name,
    email: row.email,
    phone: row.phone,
    secondaryEmail: row.secondary_email,
    secondaryPhone: row.secondary_phone,
    address: { street: row.street, city: row.city, postalCode: row.postal_code, country: row.country },
    businessType: row.business_type,
    taxId: row.tax_id,
    paymentTermsDays: row.payment_terms_days,
    creditLimitMinor: row.credit_limit_minor,
    currency: row.currency as CustomerFields['currency'],
    status: row.status as CustomerFields['status'],
    preferredPaymentMethod: row.preferred_payment_method as CustomerFields['preferredPaymentMethod'],
    autoSendInvoices: row.auto_send_invoices === 1,
    sendReminders: row.send_reminders === 1,
    aiPreferences: {
      template: row.ai_template as CustomerFields['aiPreferences']['template'],
      language: row.ai_language as CustomerFields['aiPreferences']['language'],
      includeTax: row.ai_include_tax === 1,
    },
    notes: row.notes,
    tags: JSON.parse(row.tags) as string[],
  };
}

type BalanceColumns = Pick<
  CustomerWithBalance,
  'invoice_count' | 'billed_minor' | 'paid_minor' | 'outstanding_minor' | 'last_invoice_date' | 'payment_status' | 'credit_minor' | 'paid_invoice_count' | 'days_to_pay_total' | 'refunded_minor' | 'refund_excess_minor'
>;

export function financialsOf(row: BalanceColumns): CustomerFinancials {
  return {
    invoiceCount: row.invoice_count,
    billedMinor: row.billed_minor,
    paidMinor: row.paid_minor,
    outstandingMinor: row.outstanding_minor,
    lastInvoiceDate: row.last_invoice_date,
    paymentStatus: row.payment_status as PaymentStatus,
    creditMinor: row.credit_minor,
    refundedMinor: row.refunded_minor,
    refundExcessMinor: row.refund_excess_minor,
    averageDaysToPay: row.paid_invoice_count === 0 ? null : Math.round((row.days_to_pay_total / row.paid_invoice_count) * 10) / 10,
  };
}

export function toCustomer(row: CustomerWithBalance): Customer {
  return {
    ...rowToFields(row),
    id: row.id,
    code: row.code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.deleted_at,
    version: row.version,
    financials: financialsOf(row),
  };
}

export function toListRow(row: Pick<CustomerRow, 'id' | 'code' | 'name' | 'email' | 'phone' | 'status' | 'currency' | 'tags'> & BalanceColumns): CustomerListRow {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    email: row.email,
    phone: row.phone,
    status: row.status as CustomerListRow['status'],
    currency: row.currency,
    tags: JSON.parse(row.tags) as string[],
    financials: financialsOf(row),
  };
}
