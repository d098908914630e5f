// The mutations a device may push, by name, and the action each needs of the person's role. The
// Cloud refuses a name it does not know (a newer release's) with a message to update it.
import type { Action } from '../permissions';

export const MUTATION_ACTIONS: Record<string, Action> = {
  'customers.create': 'customers.write',
  'customers.update': 'customers.write',
  'customers.archive': 'customers.write',
  'customers.restore': 'customers.write',
  'customers.import': 'customers.write',
  'items.create': 'customers.write',
  'items.update': 'customers.write',
  'items.archive': 'customers.write',
  'items.restore': 'customers.write',
  'items.import': 'customers.write',
  'invoices.import': 'invoices.finalize',
  'payments.import': 'payments.record',
  'drafts.create': 'drafts.write',
  'drafts.update': 'drafts.write',
  'drafts.restore': 'drafts.write',
  'drafts.ai': 'drafts.write',
  'drafts.discard': 'drafts.write',
  'drafts.copy': 'drafts.write',
  'drafts.bulk': 'drafts.write',
  'invoices.finalize': 'invoices.finalize',
  'invoices.void': 'invoices.void',
  'invoices.creditNote': 'creditNotes.create',
  /** KRA eTIMS's answer written on an invoice or credit note by the computer that transmits. */
  'etims.record': 'invoices.finalize',
  /** The code KRA knows a catalog item by, given when it is first registered. */
  'etims.item': 'customers.write',
  'payments.record': 'payments.record',
  'payments.applyCredit': 'payments.record',
  'payments.reverse': 'payments.reverse',
  'payments.unapply': 'payments.reverse',
  /** A statement's lines recorded and left in the Unmatched inbox, as one change. */
  'payments.importStatement': 'payments.record',
  'payments.assignIncoming': 'payments.match',
  'payments.dismissIncoming': 'payments.match',
  'reports.save': 'reports.write',
  'reports.delete': 'reports.write',
  'settings.update': 'settings.write',
  'sending.send': 'invoices.send',
  /** A link for the customer given to an invoice finalized before links existed. */
  'invoices.share': 'invoices.send',
  'sending.reminder': 'invoices.send',
  'sending.update': 'books.read',
  'quotes.issue': 'invoices.finalize',
  'quotes.decide': 'drafts.write',
  'quotes.convert': 'drafts.write',
  'refunds.record': 'payments.reverse',
  'refunds.reverse': 'payments.reverse',
  'recurring.create': 'drafts.write',
  'recurring.update': 'drafts.write',
  'recurring.pause': 'drafts.write',
  'recurring.resume': 'drafts.write',
  'recurring.skip': 'drafts.write',
  'recurring.end': 'drafts.write',
  'recurring.issue': 'drafts.write',
  'statements.send': 'invoices.send',
  'openingBalances.import': 'invoices.finalize',
  /** Changes that came with no mutation of their own (a message's progress on the queue). */
  'sync.background': 'books.read',
  /** A computer's books brought into the organisation on its first sync. */
  'sync.upload': 'settings.write',
};

export function actionOfMutation(name: string): Action | null {
  return Object.hasOwn(MUTATION_ACTIONS, name) ? MUTATION_ACTIONS[name]! : null;
}
