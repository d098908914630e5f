import type { ImportDuplicate, ImportField, ImportRejectedRow } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import type { CustomerFields } from '../../../../shared/domain/customer';
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

/** Reads the file, maps its columns, validates every row and finds probable duplicates. Writes nothing. */
export function planImport(ctx: CoreContext, csvText: string, requestedMapping: Record<string, string | null> | undefined): ImportPlan {
  const csv = readCsv(csvText);
  const mapping = requestedMapping ? cleanMapping(requestedMapping, csv.headers) : proposeMapping(csv.headers);
  if (!mapping.name) {
    throw new AppError('invalid_input', 'Choose which column holds the customer’s name: every customer needs one.', { 'mapping.name': 'Required' });
  }
  const columnOf = Object.entries(mapping)
    .filter((entry): entry is [ImportField, string] => entry[1] !== null)
    .map(([field, header]) => [field, csv.headers.indexOf(header)] as const);

  const base = newCustomerBase(ctx.config.business.country, ctx.config.business.defaultCurrency);
  const rejected: ImportRejectedRow[] = csv.unreadable.map((u) => ({ line: u.line, reasons: [u.reason] }));
  const fresh: PlannedRow[] = [];
  const duplicates: ImportPlan['duplicates'] = [];
  const seenInFile = { email: new Map<string, number>(), phone: new Map<string, number>(), taxId: new Map<string, number>() };

  for (const record of csv.records) {
    if (record.cells.every((c) => c.trim() === '')) continue;
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

    const matchedOn: ImportDuplicate['matchedOn'] = [];
    let existing: ImportDuplicate['existing'] | null = null;
    for (const [key, column] of CONTACT_FIELDS) {
      if (!fields[key]) continue;
      const match = findByContact(ctx.sql, column, fields[key]);
      if (match && (!existing || existing.id === match.id)) {
        existing = { id: match.id, code: match.code, name: match.name };
        matchedOn.push(key);
      }
    }
    if (existing) duplicates.push({ line: record.line, cells, fields, name: fields.name, matchedOn, existing });
    else fresh.push({ line: record.line, cells, fields });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { csv, mapping, fresh, duplicates, rejected };
}
