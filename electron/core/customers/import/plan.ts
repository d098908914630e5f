import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, type ImportDuplicate, type ImportField, type ImportHeldBack, type ImportRejectedRow } from '../../../../shared/contract';
import { fromSpreadsheetSafe } from '../../../../shared/csv';
import { AppError } from '../../../../shared/errors';
import type { CustomerFields, CustomerInput } from '../../../../shared/domain/customer';
import { createHash } from 'node:crypto';
import type { CoreConfig } from '../../config';
import { readSettings } from '../../settings/service';
import type { CoreContext } from '../../context';
import { findByContact } from '../repo';
import { readCsv, type CsvFile } from './csv';
import { cleanMapping, proposeMapping } from './mapping';
import { newCustomerBase, rowToFields, type RowCells, type RowCheck } from './rows';

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
  heldBack: ImportHeldBack[];
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
  /** Proposed columns left out because their values do not fit (empty for a mapping the person chose). */
  heldBack: ImportHeldBack[];
}

/** The last file validated: preview then commit is the usual order, and validation is the slow half. */
let lastValidation: { key: string; textKey: string; value: ValidatedFile } | null = null;

export function forgetValidation(): void {
  lastValidation = null;
}

interface CheckedRow {
  line: number;
  cells: RowCells;
  check: RowCheck;
}

/** Every record's cells under `mapping`, validated on top of `base`. */
function checkRows(csv: CsvFile, mapping: Record<ImportField, string | null>, base: CustomerInput): CheckedRow[] {
  const columnOf = Object.entries(mapping)
    .filter((entry): entry is [ImportField, string] => entry[1] !== null)
    .map(([field, header]) => [field, csv.headers.indexOf(header)] as const);
  return csv.records.map((record) => {
    const cells: RowCells = {};
    for (const [field, index] of columnOf) cells[field] = record.cells[index] ?? '';
    return { line: record.line, cells, check: rowToFields(cells, base) };
  });
}

/** Fields whose value decides how other cells read: phones and tax IDs by country, amounts by currency. */
const READERS: ImportField[] = ['country', 'currency'];

/**
 * The proposed optional columns to hold back: those whose filled cells mostly do not fit the field.
 * A column another tool names like ours but that means something else (QuickBooks' "State" under
 * Status, US phone numbers for a Kenyan business) is then never proposed, so it cannot reject rows
 * that import without it. A column that mostly fits is the right one with a few bad cells: it is
 * proposed, and those rows are rejected with their reason, rather than every row losing its value.
 * Country and currency go first: how they read decides whether phones and amounts fit.
 */
function columnsToHoldBack(rows: CheckedRow[], mapping: Record<ImportField, string | null>): ImportHeldBack[] {
  const found: ImportHeldBack[] = [];
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    if (field === 'name' || header === null) continue;
    let fits = 0;
    const misfits: CheckedRow[] = [];
    for (const row of rows) {
      if (fromSpreadsheetSafe((row.cells[field] ?? '').trim()) === '') continue;
      if (row.check.faults.has(field)) misfits.push(row);
      else fits++;
    }
    if (misfits.length <= fits) continue;
    const first = misfits[0]!;
    const prefix = `${IMPORT_FIELD_LABELS[field]}:`;
    found.push({ field, header, line: first.line, reason: first.check.reasons.find((r) => r.startsWith(prefix)) ?? first.check.reasons[0]! });
  }
  const readers = found.filter((h) => READERS.includes(h.field));
  return readers.length > 0 ? readers : found;
}

/**
 * Reads, maps and validates every row, and rejects repeats within the file. Pure: no database.
 * Without a mapping it proposes one: by header names, less the columns whose cells mostly do not fit.
 */
function validateFile(config: CoreConfig, termsDays: number, csvText: string, requestedMapping: Record<string, string | null> | undefined): ValidatedFile {
  const textKey = createHash('sha256').update(csvText).digest('hex');
  const csv = lastValidation?.textKey === textKey ? lastValidation.value.csv : readCsv(csvText);
  const keyOf = (mapping: Record<ImportField, string | null>) => `${textKey}|${JSON.stringify(mapping)}|${JSON.stringify(config.business)}|${termsDays}`;
  const requested = requestedMapping ? cleanMapping(requestedMapping, csv.headers) : null;
  // A chosen mapping holds nothing back, even when it is the proposal that did.
  if (requested && lastValidation?.key === keyOf(requested)) return { ...lastValidation.value, heldBack: [] };
  const mapping = requested ?? proposeMapping(csv.headers);
  if (!mapping.name) {
    throw new AppError('invalid_input', 'Choose which column holds the customer’s name: every customer needs one.', { 'mapping.name': 'Required' });
  }
  const base = newCustomerBase(config.business.country, config.business.defaultCurrency, termsDays);
  let rows = checkRows(csv, mapping, base);
  const heldBack: ImportHeldBack[] = [];
  // Holding a column back can change how others read (a dropped country re-reads phones): again until none is.
  for (let found = requested ? [] : columnsToHoldBack(rows, mapping); found.length > 0; found = columnsToHoldBack(rows, mapping)) {
    for (const h of found) mapping[h.field] = null;
    heldBack.push(...found);
    rows = checkRows(csv, mapping, base);
  }

  const rejected: ImportRejectedRow[] = csv.unreadable.map((u) => ({ line: u.line, name: '', reasons: [u.reason], cells: [] }));
  const rawCells = new Map(csv.records.map((r) => [r.line, r.cells]));
  const reject = (line: number, cells: RowCells, reasons: string[]) =>
    rejected.push({ line, name: (cells.name ?? '').trim(), reasons, cells: rawCells.get(line) ?? [] });
  const valid: PlannedRow[] = [];
  const seenInFile = { email: new Map<string, number>(), phone: new Map<string, number>(), taxId: new Map<string, number>() };

  for (const { line, cells, check } of rows) {
    const { fields, reasons } = check;
    if (!fields) {
      reject(line, cells, reasons);
      continue;
    }
    const repeated = CONTACT_FIELDS.map(([key, , label]) => {
      const value = fields[key];
      const earlier = value ? seenInFile[key].get(value) : undefined;
      return earlier !== undefined ? `Same ${label} as line ${earlier} of this file` : null;
    }).filter((r): r is string => r !== null);
    if (repeated.length > 0) {
      reject(line, cells, repeated);
      continue;
    }
    for (const [key] of CONTACT_FIELDS) if (fields[key]) seenInFile[key].set(fields[key], line);
    valid.push({ line, cells, fields });
  }
  rejected.sort((a, b) => a.line - b.line);
  heldBack.sort((a, b) => IMPORT_FIELDS.indexOf(a.field) - IMPORT_FIELDS.indexOf(b.field));
  const value = { csv, mapping, valid, rejected, heldBack };
  // Keyed on the mapping in force, so a preview with the proposed mapping serves the commit that names it.
  lastValidation = { key: keyOf(mapping), textKey, value };
  return value;
}

/** Validates the file and finds which valid rows look like existing customers. Writes nothing. */
export function planImport(ctx: CoreContext, csvText: string, requestedMapping: Record<string, string | null> | undefined): ImportPlan {
  const { csv, mapping, valid, rejected, heldBack } = validateFile(ctx.config, readSettings(ctx).invoicing.defaultPaymentTermsDays, csvText, requestedMapping);
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
  return { csv, mapping, fresh, duplicates, rejected, heldBack };
}
