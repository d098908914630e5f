import type { Invoice } from '../../../shared/domain/invoice';

/** Letters, digits, dot, dash and underscore only: safe in every file system and as a mail attachment name. */
function safe(part: string): string {
  return part.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');
}

/** "INV-2026-0001.pdf"; a draft, which has no number yet: "Draft-CUST-0042-2026-11-21.pdf". */
export function invoicePdfFileName(invoice: Pick<Invoice, 'number' | 'issueDate' | 'customer'>): string {
  const stem = invoice.number ? safe(invoice.number) : safe(['Draft', invoice.customer.code, invoice.issueDate].filter(Boolean).join('-'));
  return `${stem || 'Invoice'}.pdf`;
}
