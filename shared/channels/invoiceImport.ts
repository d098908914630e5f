// Open invoices from another tool: kept under their own number, matched to customers by name or
// email, aging from their own dates and paid like Billbook's own.
import { importCommitSchema, importFileSchema, type ImportPreviewBase, type ImportResultBase } from '../domain/imports';
import { output } from './output';

/** A row (or the rows of one invoice) left out on purpose: not open, or already in the books. */
export interface InvoiceImportSkipped {
  line: number;
  number: string;
  reason: string;
}

export interface InvoiceImportPreview extends ImportPreviewBase {
  skipped: InvoiceImportSkipped[];
  /** The first invoices that will import, as they will read. */
  sample: { line: number; number: string; customer: string; issueDate: string; dueDate: string; total: string; paid: string; balance: string }[];
}

export const invoiceImportChannels = {
  'invoices.import.preview': { input: importFileSchema, output: output<InvoiceImportPreview>() },
  'invoices.import.commit': { input: importCommitSchema.omit({ duplicateActions: true }), output: output<ImportResultBase & { skipped: number; payments: number }>() },
} as const;
