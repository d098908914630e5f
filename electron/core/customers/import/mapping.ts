import { IMPORT_FIELDS, type ImportField } from '../../../../shared/contract';
import { cleanMapping as cleanFor, proposeMapping as proposeFor, recognizeSource, type SourceProfile } from '../../imports/sources';
import { CUSTOMER_SOURCES, CUSTOMER_SYNONYMS } from './sources';

/** The tool a customer file came from, by its header row; null: a spreadsheet made by hand. */
export const recognizeCustomerSource = (headers: readonly string[]): SourceProfile<ImportField> | null => recognizeSource(headers, CUSTOMER_SOURCES);

/** Proposes which CSV header feeds each field; the person can change it in the preview. */
export function proposeMapping(headers: readonly string[]): Record<ImportField, string | null> {
  return proposeFor(headers, IMPORT_FIELDS, CUSTOMER_SYNONYMS, recognizeCustomerSource(headers));
}

/** Keeps only known fields pointing at headers that exist in this file. */
export function cleanMapping(mapping: Record<string, string | null>, headers: readonly string[]): Record<ImportField, string | null> {
  return cleanFor(IMPORT_FIELDS, mapping, headers);
}

/** A name can come from the name column, the company, or the first and last name. */
export const hasNameColumn = (mapping: Record<ImportField, string | null>) =>
  mapping.name !== null || mapping.company !== null || mapping.firstName !== null || mapping.lastName !== null;
