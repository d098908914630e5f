// What every CSV import shares (customers, items, open invoices): the file in, the preview out.
import { z } from 'zod';

export const importMappingSchema = z.record(z.string(), z.string().nullable());

export const importFileSchema = z.object({
  /** The file's text as read in the renderer; a BOM and CRLF are fine. */
  csvText: z.string().max(40 * 1024 * 1024, 'That file is over 40 MB; split it into smaller files'),
  fileName: z.string().max(300).default('import.csv'),
  /** Billbook field -> CSV header. Absent: the preview proposes one. */
  mapping: importMappingSchema.optional(),
});

/** Commit takes the mapping the person confirmed, and what to do with each probable duplicate. */
export const importCommitSchema = importFileSchema.extend({
  mapping: importMappingSchema,
  /** CSV line -> what to do with a probable duplicate. Unlisted duplicates are skipped. */
  duplicateActions: z.record(z.string().regex(/^\d+$/), z.enum(['skip', 'update'])).default({}),
});

/** The tools whose exports Billbook recognises by their header row. */
export const IMPORT_SOURCES = ['zoho', 'wave', 'freshbooks', 'quickbooksOnline', 'quickbooksDesktop', 'invoiceNinja', 'xero', 'spreadsheet'] as const;
export type ImportSourceId = (typeof IMPORT_SOURCES)[number];

export const IMPORT_SOURCE_LABELS: Record<ImportSourceId, string> = {
  zoho: 'Zoho Invoice',
  wave: 'Wave',
  freshbooks: 'FreshBooks',
  quickbooksOnline: 'QuickBooks Online',
  quickbooksDesktop: 'QuickBooks Desktop',
  invoiceNinja: 'Invoice Ninja',
  xero: 'Xero',
  spreadsheet: 'a spreadsheet (Excel, Google Sheets)',
};

export interface ImportSource {
  id: ImportSourceId;
  label: string;
}

export interface ImportRejectedRow {
  line: number;
  /** The name on the row, as typed ('' when it has none or could not be read). */
  name: string;
  reasons: string[];
  /** The row's cells as in the file, one per header: for a CSV of the rejected rows to fix and import again. */
  cells: string[];
}

/**
 * A value that could not be read and was left out; the row imports without it. `message` says it
 * whole ("phone 867-5309 left out: not a full number").
 */
export interface ImportWarning {
  line: number;
  /** Whose row it is: the customer's or item's name, or the invoice number. */
  name: string;
  field: string;
  value: string;
  message: string;
}

/** A column the preview did not propose although its header matched a field: the first row it would reject, and why. */
export interface ImportHeldBack<F extends string = string> {
  field: F;
  header: string;
  line: number;
  reason: string;
}

export interface ImportPreviewBase {
  fileName: string;
  delimiter: string;
  headers: string[];
  mapping: Record<string, string | null>;
  /** The tool the header row says the file came from; its mapping was proposed. */
  source: ImportSource;
  totalRows: number;
  /** Rows that import as new records. */
  acceptedRows: number;
  rejected: ImportRejectedRow[];
  warnings: ImportWarning[];
  /** Proposed mappings only: columns whose header matched a field but whose filled cells mostly do not fit it. */
  heldBack: ImportHeldBack[];
}

export interface ImportResultBase {
  created: number;
  rejected: number;
}
