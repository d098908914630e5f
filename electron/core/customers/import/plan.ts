import { IMPORT_FIELDS, type ImportDuplicate, type ImportField, type ImportHeldBack, type ImportRejectedRow, type ImportWarning } from '../../../../shared/contract';
import type { ImportSource } from '../../../../shared/domain/imports';
import { fromSpreadsheetSafe } from '../../../../shared/csv';
import { AppError } from '../../../../shared/errors';
import type { CustomerFields, CustomerInput } from '../../../../shared/domain/customer';
import { createHash } from 'node:crypto';
import type { CoreConfig } from '../../config';
import { readSettings } from '../../settings/service';
import type { CoreContext } from '../../context';
import { hasLedgerEntries } from '../../ledger/balances';
import { findByContact, getCustomerRow, hasLiveCustomers } from '../repo';
import { readCsv, type CsvFile } from './csv';
import { sourceOf } from '../../imports/sources';
import { cleanMapping, hasNameColumn, proposeMapping, recognizeCustomerSource } from './mapping';
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
  warnings: ImportWarning[];
  source: ImportSource;
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
  /** Values left out of rows that import. */
  warnings: ImportWarning[];
  source: ImportSource;
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
function checkRows(csv: CsvFile, mapping: Record<ImportField, string | null>, base: CustomerInput, country: string): CheckedRow[] {
  const columnOf = Object.entries(mapping)
    .filter((entry): entry is [ImportField, string] => entry[1] !== null)
    .map(([field, header]) => [field, csv.headers.indexOf(header)] as const);
  return csv.records.map((record) => {
    const cells: RowCells = {};
    for (const [field, index] of columnOf) cells[field] = record.cells[index] ?? '';
    return { line: record.line, cells, check: rowToFields(cells, base, { country }) };
  });
}

/** Fields whose value decides how other cells read: phones and tax IDs by country, amounts by currency. */
const READERS: ImportField[] = ['country', 'currency'];

/** The name's columns: a row is refused without a name, so they are never held back. */
const NAME_PARTS: ImportField[] = ['name', 'company', 'firstName', 'lastName'];

/**
 * The proposed optional columns to hold back: those whose filled cells mostly do not fit the field.
 * A column another tool names like ours but that means something else (a status column holding
 * US states, US phone numbers for a Kenyan business) is then never proposed, so it cannot fill the
 * preview with warnings about rows that import fine without it. A column that mostly fits is the
 * right one with a few bad cells: it is proposed, and those cells are left out with a warning each.
 * Country and currency go first: how they read decides whether phones and amounts fit.
 */
function columnsToHoldBack(rows: CheckedRow[], mapping: Record<ImportField, string | null>): ImportHeldBack[] {
  // Most rows have no faults: only the fields some row faults are worth counting cell by cell.
  const faulted = new Set<ImportField>();
  for (const row of rows) for (const field of row.check.faults) faulted.add(field);
  const found: ImportHeldBack[] = [];
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    if (NAME_PARTS.includes(field) || header === null || !faulted.has(field)) continue;
    let fits = 0;
    const misfits: CheckedRow[] = [];
    for (const row of rows) {
      if (fromSpreadsheetSafe((row.cells[field] ?? '').trim()) === '') continue;
      if (row.check.faults.has(field)) misfits.push(row);
      else fits++;
    }
    if (misfits.length <= fits) continue;
    const first = misfits[0]!;
    const reason = first.check.warnings.find((w) => w.field === field)?.message ?? first.check.reasons[0] ?? '';
    found.push({ field, header, line: first.line, reason });
  }
  const readers = found.filter((h) => READERS.includes(h.field));
  return readers.length > 0 ? readers : found;
}

/** Same customer twice in one file: the same email or tax ID, or the same phone under the same name (`namePhone`, made once per row). */
function repeatsIn(fields: CustomerFields, namePhone: string, seen: SeenInFile): string[] {
  const repeats: string[] = [];
  const earlier = (map: Map<string, number>, value: string) => (value ? map.get(value) : undefined);
  const email = earlier(seen.email, fields.email);
  if (email !== undefined) repeats.push(`Same email as line ${email} of this file`);
  const tax = earlier(seen.taxId, fields.taxId);
  if (tax !== undefined) repeats.push(`Same tax ID as line ${tax} of this file`);
  // A shared phone alone (an office line) is two customers; with the same name it is one, twice.
  const phone = earlier(seen.phone, namePhone);
  if (fields.phone && phone !== undefined) repeats.push(`Same name and phone as line ${phone} of this file`);
  return repeats;
}

interface SeenInFile {
  email: Map<string, number>;
  taxId: Map<string, number>;
  /** name|phone. */
  phone: Map<string, number>;
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
  if (!hasNameColumn(mapping)) {
    throw new AppError(
      'invalid_input',
      'Choose which column holds the customer’s name (or the company, or the first and last name): every customer needs one.',
      { 'mapping.name': 'Required' },
    );
  }
  const source = sourceOf(recognizeCustomerSource(csv.headers));
  const base = newCustomerBase(config.business.country, config.business.defaultCurrency, termsDays);
  let rows = checkRows(csv, mapping, base, config.business.country);
  const heldBack: ImportHeldBack[] = [];
  // Holding a column back can change how others read (a dropped country re-reads phones): again until none is.
  for (let found = requested ? [] : columnsToHoldBack(rows, mapping); found.length > 0; found = columnsToHoldBack(rows, mapping)) {
    for (const h of found) mapping[h.field] = null;
    heldBack.push(...found);
    rows = checkRows(csv, mapping, base, config.business.country);
  }

  const rejected: ImportRejectedRow[] = csv.unreadable.map((u) => ({ line: u.line, name: '', reasons: [u.reason], cells: [] }));
  // Made at the first row refused: most files refuse none, and it would hold every record.
  let rawCells: Map<number, string[]> | null = null;
  const reject = (line: number, cells: RowCells, reasons: string[]) => {
    rawCells ??= new Map(csv.records.map((r) => [r.line, r.cells]));
    rejected.push({ line, name: (cells.name ?? '').trim(), reasons, cells: rawCells.get(line) ?? [] });
  };
  const valid: PlannedRow[] = [];
  const warnings: ImportWarning[] = [];
  const seen: SeenInFile = { email: new Map(), taxId: new Map(), phone: new Map() };

  for (const { line, cells, check } of rows) {
    const { fields, reasons } = check;
    if (!fields) {
      reject(line, cells, reasons);
      continue;
    }
    const namePhone = fields.phone ? `${fields.name.toLowerCase()}|${fields.phone}` : '';
    const repeated = repeatsIn(fields, namePhone, seen);
    if (repeated.length > 0) {
      reject(line, cells, repeated);
      continue;
    }
    if (fields.email) seen.email.set(fields.email, line);
    if (fields.taxId) seen.taxId.set(fields.taxId, line);
    if (fields.phone) seen.phone.set(namePhone, line);
    for (const w of check.warnings) warnings.push({ line, name: fields.name, field: w.field, value: w.value, message: w.message });
    valid.push({ line, cells, fields });
  }
  rejected.sort((a, b) => a.line - b.line);
  heldBack.sort((a, b) => IMPORT_FIELDS.indexOf(a.field) - IMPORT_FIELDS.indexOf(b.field));
  const value = { csv, mapping, valid, rejected, heldBack, warnings, source };
  // Keyed on the mapping in force, so a preview with the proposed mapping serves the commit that names it.
  lastValidation = { key: keyOf(mapping), textKey, value };
  return value;
}

/** Validates the file and finds which valid rows look like existing customers. Writes nothing. */
export function planImport(ctx: CoreContext, csvText: string, requestedMapping: Record<string, string | null> | undefined): ImportPlan {
  const { csv, mapping, valid, rejected, heldBack, warnings: rowWarnings, source } = validateFile(ctx.config, readSettings(ctx).invoicing.defaultPaymentTermsDays, csvText, requestedMapping);
  const warnings = [...rowWarnings];
  const fresh: PlannedRow[] = [];
  const duplicates: ImportPlan['duplicates'] = [];
  // A first import into new books has nothing to match: no lookup per row and field.
  if (!hasLiveCustomers(ctx.sql)) {
    warnings.sort((a, b) => a.line - b.line);
    return { csv, mapping, fresh: valid, duplicates, rejected, heldBack, warnings, source };
  }
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
    if (existing) {
      duplicates.push({ ...row, name: row.fields.name, matchedOn, existing });
      const stored = getCustomerRow(ctx.sql, existing.id);
      if (stored && row.fields.currency !== stored.currency && hasLedgerEntries(ctx.sql, stored.id)) {
        warnings.push({
          line: row.line, name: row.fields.name, field: 'currency', value: row.fields.currency,
          message: `currency ${row.fields.currency} left out if you update ${existing.code}: they have invoices or payments in ${stored.currency}, which stays`,
        });
      }
    } else fresh.push(row);
  }
  warnings.sort((a, b) => a.line - b.line);
  return { csv, mapping, fresh, duplicates, rejected, heldBack, warnings, source };
}
