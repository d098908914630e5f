import type { Migration } from '../migrate';
import type { SqliteDatabase } from '../open';
import { onText, storedBillTo, storedTaxSummary } from '../invoiceForms';

// Smaller books (issue 17): the bill-to and tax summary of every invoice written before this version
// take the smaller form new ones are written in (db/invoiceForms.ts), about 21 MB of a 100,000-invoice
// book. Only the stored form changes: each reads back as exactly the JSON text it was, so a finalized
// invoice says exactly what it said (one that would not read back the same keeps its text). The rule
// that freezes a finalized invoice's content and the trigger that notes a changed invoice for sync
// are set aside while the rows are written, then made again as they were: there is nothing new for
// another computer to learn. The rows shrink in place, which frees few whole pages, so the file is
// compacted afterwards whatever the free pages (migrate.ts).

const SET_ASIDE = ['invoices_final_content_frozen', 'invoices_sync_update'];

function smallerInvoiceForms(db: SqliteDatabase): void {
  db.function('stored_bill_to', { deterministic: true }, onText(storedBillTo));
  db.function('stored_tax_summary', { deterministic: true }, onText(storedTaxSummary));
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${SET_ASIDE.map(() => '?').join(', ')})`)
    .all(...SET_ASIDE) as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  // Only rows in the object form: '{…}' and '[{…}, …]'.
  db.exec(`UPDATE invoices SET bill_to = stored_bill_to(bill_to), tax_summary = stored_tax_summary(tax_summary)
           WHERE bill_to LIKE '{%' OR tax_summary LIKE '[{%'`);
  for (const t of triggers) db.exec(t.sql);
}

export const migration0028: Migration = {
  version: 28,
  vacuumAfter: 'always',
  name: 'smaller invoice bill-to and tax summary',
  up: smallerInvoiceForms,
};
