import type { ImportDuplicate, ImportField, ImportRejectedRow } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import type { CustomerFields } from '../../../../shared/domain/customer';
import { createHash } from 'node:crypto';
import type { CoreConfig } from '../../config';
import type { CoreContext } from '../../context';
import { findByContact } from '../repo';
import { readCsv, type CsvFile } from './csv';
import { cleanMapping, proposeMapping } from './mapping';
import { newCustomerBase, rowToFields, type RowCells } from './rows';

export interface PlannedRow {
  line: number;
  cells: RowCells;
  fields: CustomerFields;
}

export interface ImportPlan {
  csv: CsvFile;
  mapping: Record<ImportField, string | null>;
  /** Valid rows that match no existing customer. */
  fresh: PlannedRow[];
  /** Valid rows that look like an existing customer: the person chooses skip or update. */
  duplicates: (PlannedRow & ImportDuplicate)[];
  rejected: ImportRejectedRow[];
}

const CONTACT_FIELDS = [
  ['email', 'email', 'email'],
  ['phone', 'phone', 'phone'],
  ['taxId', 'tax_id', 'tax ID'],
] as const;

interface ValidatedFile {
  csv: CsvFile;
  mapping: Record<ImportField, string | null>;
  valid: PlannedRow[];
  rejected: ImportRejectedRow[];
}

/** The last file validated: preview then commit is the usual order, and validation is the slow half. */
let lastValidation: { key: string; textKey: string; value: ValidatedFile } | null = null;

export function forgetValidation(): void {
  lastValidation = null;
}

/** Reads, maps and validates every row, and rejects repeats within the file. Pure: no database. */
function validateFile(config: CoreConfig, csvText: string, requestedMapping: Record<string, string | null> | undefined): ValidatedFile {
  const textKey = createHash('sha256').update(csvText).digest('hex');
  const csv = lastValidation?.textKey === textKey ? lastValidation.value.csv : readCsv(csvText);
  const mapping = requestedMapping ? cleanMapping(requestedMapping, csv.headers) : proposeMapping(csv.headers);
  // Keyed on the mapping in force, so a preview with the proposed mapping serves the commit that names it.
  const key = `${textKey}|${JSON.stringify(mapping)}|${JSON.stringify(config.business)}`;
  if (lastValidation?.key === key) return lastValidation.value;
  if (!mapping.name) {
    throw new AppError('invalid_input', 'Choose which column holds the customer’s name: every customer needs one.', { 'mapping.name': 'Required' });
  }
  const columnOf = Object.entries(mapping)
    .filter((entry): entry is [ImportField, string] => entry[1] !== null)
    .map(([field, header]) => [field, csv.headers.indexOf(header)] as const);

  const base = newCustomerBase(config.business.country, config.business.defaultCurrency);
  const rejected: ImportRejectedRow[] = csv.unreadable.map((u) => ({ line: u.line, reasons: [u.reason] }));
  const valid: PlannedRow[] = [];
  const seenInFile = { email: new Map<string, number>(), phone: new Map<string, number>(), taxId: new Map<string, number>() };

  for (const record of csv.records) {
    const cells: RowCells = {};
    for (const [field, index] of columnOf) cells[field] = record.cells[index] ?? '';
    const { fields, reasons } = rowToFields(cells, base);
    if (!fields) {
      rejected.push({ line: record.line, reasons });
      continue;
    }
    const repeated = CONTACT_FIELDS.map(([key, , label]) => {
      const value = fields[key];
      const earlier = value ? seenInFile[key].get(value) : undefined;
      return earlier !== undefined ? `Same ${label} as line ${earlier} of this file` : null;
    }).filter((r): r is string => r !== null);
    if (repeated.length > 0) {
      rejected.push({ line: record.line, reasons: repeated });
      continue;
    }
    for (const [key] of CONTACT_FIELDS) if (fields[key]) seenInFile[key].set(fields[key], record.line);
    valid.push({ line: record.line, cells, fields });
  }
  rejected.sort((a, b) => a.line - b.line);
  const value = { csv, mapping, valid, rejected };
  lastValidation = { key, textKey, value };
  return value;
}

/** Validates the file and finds which valid rows look like existing customers. Writes nothing. */
export function planImport(ctx: CoreContext, csvText: string, requestedMapping: Record<string, string | null> | undefined): ImportPlan {
  const { csv, mapping, valid, rejected } = validateFile(ctx.config, csvText, requestedMapping);
  const fresh: PlannedRow[] = [];
  const duplicates: ImportPlan['duplicates'] = [];
  for (const row of valid) {
    const matchedOn: ImportDuplicate['matchedOn'] = [];
    let existing: ImportDuplicate['existing'] | null = null;
    for (const [key, column] of CONTACT_FIELDS) {
      if (!row.fields[key]) continue;
      const match = findByContact(ctx.sql, column, row.fields[key]);
      if (match && (!existing || existing.id === match.id)) {
        existing = { id: match.id, code: match.code, name: match.name };
        matchedOn.push(key);
      }
    }
    if (existing) duplicates.push({ ...row, name: row.fields.name, matchedOn, existing });
    else fresh.push(row);
  }
  return { csv, mapping, fresh, duplicates, rejected };
}
