import type { Migration } from '../migrate';

// Smaller books (issue 17), indexes that did not pay for themselves on the 100,000-invoice book:
// - audit_log_by_entity (entity, entity_id, id) held every history line, about 39 MB, but only a
//   customer's Activity tab reads history by entity (audit/repo.ts listCustomerActivity); the lines
//   about invoices and payments are read by sync, through sync_id. A partial index of the customers'
//   lines, without the entity column, answers that read the same way at about a third of the size.
// - payment_allocations_by_invoice (invoice_id) is the first column of
//   payment_allocations_by_invoice_date, which answers every read by invoice as well (each entry
//   carries the allocation's 36-character id, so the copy cost ~13 MB).
// The pages they held are reused as the books grow.
export const migration0016: Migration = {
  version: 16,
  name: 'leaner indexes',
  up: `
    DROP INDEX audit_log_by_entity;
    CREATE INDEX audit_log_by_customer ON audit_log (entity_id, id) WHERE entity = 'customer';
    DROP INDEX payment_allocations_by_invoice;
  `,
};
