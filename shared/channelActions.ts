// What each channel that changes the books needs of the signed-in person's role. The app checks it
// before writing (and hides or disables what the role cannot do); the Cloud checks it again on every
// synced change, which is what really holds.
import type { Action } from './permissions';

export const CHANNEL_ACTIONS: Partial<Record<string, Action>> = {
  'customers.create': 'customers.write',
  'customers.update': 'customers.write',
  'customers.archive': 'customers.write',
  'customers.restore': 'customers.write',
  'customers.import.commit': 'customers.write',
  'drafts.create': 'drafts.write',
  'drafts.update': 'drafts.write',
  'drafts.restore': 'drafts.write',
  'drafts.duplicate': 'drafts.write',
  'drafts.discard': 'drafts.write',
  'drafting.generate': 'drafts.write',
  'drafting.refine': 'drafts.write',
  'drafting.applyRefinement': 'drafts.write',
  'drafting.useSuggestion': 'drafts.write',
  'drafting.fromPrevious': 'drafts.write',
  'drafting.bulk': 'drafts.write',
  'invoices.finalize': 'invoices.finalize',
  'invoices.void': 'invoices.void',
  'invoices.creditNote': 'creditNotes.create',
  'payments.record': 'payments.record',
  'payments.applyCredit': 'payments.record',
  'payments.reverse': 'payments.reverse',
  'payments.unapply': 'payments.reverse',
  'reports.save': 'reports.write',
  'reports.delete': 'reports.write',
  'sending.send': 'invoices.send',
  'sending.resend': 'invoices.send',
  'sending.cancel': 'invoices.send',
  'settings.update': 'settings.write',
  'settings.setSecret': 'settings.write',
  'books.restore': 'settings.write',
};
