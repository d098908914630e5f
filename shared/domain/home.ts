// The first screen: the steps a new business takes, and once there are books, today's money.
import type { CurrencyCode } from '../money';

export const SETUP_STEPS = ['business', 'payment', 'customer', 'invoice'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export interface MoneyCount {
  currency: CurrencyCode;
  count: number;
  amountMinor: number;
}

export interface HomeSummary {
  today: string;
  /** Each first step and whether it is done. */
  setup: Record<SetupStep, boolean>;
  /** Still owed on finalized invoices, per currency. */
  owed: MoneyCount[];
  /** Of that, past its due date. */
  overdue: MoneyCount[];
  /** Falling due from today to six days on (not yet overdue). */
  dueThisWeek: MoneyCount[];
  /** Money received today, every method. */
  receivedToday: MoneyCount[];
  /** Of that, by M-Pesa. */
  mpesaToday: MoneyCount[];
  /** Drafts not yet finalized. */
  drafts: number;
  /** Messages that failed or are stuck with an error and need a person. */
  failedMessages: number;
}
