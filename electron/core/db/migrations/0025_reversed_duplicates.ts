import type { Migration } from '../migrate';

// Sync flags a payment whose M-Pesa code another payment already has as its probable duplicate,
// and clears the flag of one reversed since (sync/apply.ts flagMpesaDuplicates), for each code a
// pulled page carries. No index held reversed payments by code, so each clearing read every
// payment: 85 ms a code on the 100,000-invoice book (70,000 M-Pesa payments), minutes for one page
// of a first download. This index holds only the reversed payments still flagged: a handful.
export const migration0025: Migration = {
  version: 25,
  name: 'reversed duplicates by code',
  up: `CREATE INDEX payments_reversed_duplicates ON payments (reference) WHERE duplicate_of IS NOT NULL AND status = 'reversed';`,
};
