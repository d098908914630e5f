import type { Migration } from '../migrate';

// The invoice numbers the payments list shows for each payment (issue 17), kept on the payment:
// read per allocation they cost four index lookups a row, two into the wide invoice rows (0.7 of
// one customer's first page's 1.0 ms at 100,000 invoices). Triggers keep them in step on every
// path that adds, moves or removes an allocation (recording, credit, sync, clearing the books),
// with the text the list's query gave: every allocation, reversed or not, each invoice once.
// Sync writes rows in the Cloud's order, page by page, so an allocation can arrive before its
// payment or its invoice, and sync's correction of a number finalized elsewhere deletes and writes
// the invoice again: the triggers on payments and invoices arriving, leaving or being numbered
// cover those.
const NUMBERS_OF = (payment: string) =>
  `(SELECT group_concat(DISTINCT i.number) FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ${payment})`;

/** A trigger on invoices writing again the numbers of every payment allocated to the invoice `row`. */
const onInvoice = (name: string, event: string, row: 'NEW' | 'OLD', when: string) => `
    CREATE TRIGGER ${name} AFTER ${event} ON invoices WHEN ${when} BEGIN
      UPDATE payments SET invoice_numbers = ${NUMBERS_OF('payments.id')}
      WHERE id IN (SELECT payment_id FROM payment_allocations WHERE invoice_id = ${row}.id);
    END;`;
const allocatedTo = (row: 'NEW' | 'OLD') => `EXISTS (SELECT 1 FROM payment_allocations WHERE invoice_id = ${row}.id)`;

export const migration0019: Migration = {
  version: 19,
  name: 'payment invoice numbers',
  up: `
    ALTER TABLE payments ADD COLUMN invoice_numbers TEXT;
    UPDATE payments SET invoice_numbers = ${NUMBERS_OF('payments.id')};
    CREATE TRIGGER payments_invoice_numbers_insert AFTER INSERT ON payment_allocations BEGIN
      UPDATE payments SET invoice_numbers = ${NUMBERS_OF('NEW.payment_id')} WHERE id = NEW.payment_id;
    END;
    CREATE TRIGGER payments_invoice_numbers_update AFTER UPDATE OF payment_id, invoice_id ON payment_allocations
      WHEN OLD.payment_id IS NOT NEW.payment_id OR OLD.invoice_id IS NOT NEW.invoice_id
    BEGIN
      UPDATE payments SET invoice_numbers = ${NUMBERS_OF('payments.id')} WHERE id IN (OLD.payment_id, NEW.payment_id);
    END;
    CREATE TRIGGER payments_invoice_numbers_delete AFTER DELETE ON payment_allocations BEGIN
      UPDATE payments SET invoice_numbers = ${NUMBERS_OF('OLD.payment_id')} WHERE id = OLD.payment_id;
    END;
    ${onInvoice('payments_invoice_numbers_numbered', 'UPDATE OF number', 'NEW', 'OLD.number IS NOT NEW.number')}
    CREATE TRIGGER payments_invoice_numbers_payment_arrived AFTER INSERT ON payments
      WHEN EXISTS (SELECT 1 FROM payment_allocations WHERE payment_id = NEW.id)
    BEGIN
      UPDATE payments SET invoice_numbers = ${NUMBERS_OF('NEW.id')} WHERE id = NEW.id;
    END;
    ${onInvoice('payments_invoice_numbers_invoice_arrived', 'INSERT', 'NEW', allocatedTo('NEW'))}
    ${onInvoice('payments_invoice_numbers_invoice_removed', 'DELETE', 'OLD', allocatedTo('OLD'))}
  `,
};
