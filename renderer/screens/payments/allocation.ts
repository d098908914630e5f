// Where a payment goes: the backend proposes (oldest due first); opened from an invoice, that
// invoice is paid first and the rest follows the backend's order. A person may change each amount.
import { invoke } from '../../api';
import { parseMoney, type CurrencyCode } from '../../../shared/money';

export interface PreselectedInvoice {
  id: string;
  number: string;
  dueDate: string;
  balanceMinor: number;
}

export interface PlanRow {
  invoiceId: string;
  invoiceNumber: string;
  dueDate: string;
  balanceMinor: number;
  /** What the plan applies before any edit. */
  proposedMinor: number;
}

export interface Plan {
  /** The payment amount this plan is for. */
  amountMinor: number;
  rows: PlanRow[];
}

/** Asks the backend for its proposal and puts the preselected invoice first. */
export async function fetchPlan(customerId: string, amountMinor: number, invoice: PreselectedInvoice | undefined): Promise<Plan> {
  // With an invoice paid first, ask for its balance more, so the proposal reaches every invoice the rest pays.
  const ask = amountMinor + (invoice ? invoice.balanceMinor : 0);
  const proposal = await invoke('payments.proposeAllocation', { customerId, amountMinor: ask });
  if (!invoice) {
    const rows = proposal.allocations.filter((a) => a.amountMinor > 0).map((a) => ({ ...a, proposedMinor: a.amountMinor }));
    return { amountMinor, rows };
  }
  let left = amountMinor;
  const first = Math.min(left, invoice.balanceMinor);
  left -= first;
  const rows: PlanRow[] = [
    { invoiceId: invoice.id, invoiceNumber: invoice.number, dueDate: invoice.dueDate, balanceMinor: invoice.balanceMinor, proposedMinor: first },
  ];
  for (const a of proposal.allocations) {
    if (a.invoiceId === invoice.id || left <= 0) continue;
    const take = Math.min(left, a.balanceMinor);
    left -= take;
    rows.push({ invoiceId: a.invoiceId, invoiceNumber: a.invoiceNumber, dueDate: a.dueDate, balanceMinor: a.balanceMinor, proposedMinor: take });
  }
  return { amountMinor, rows };
}

export interface AllocationState {
  /** Per row: the amount applied (null when the typed text is not an amount) and what is wrong with it. */
  rows: { row: PlanRow; appliedMinor: number | null; problem: string | null }[];
  allocatedMinor: number;
  /** Kept as the customer's credit; negative when the rows add up to more than the payment. */
  creditMinor: number;
  /** What is wrong with the whole (more allocated than paid), or null. */
  problem: string | null;
  /** No row and no total has a problem. */
  valid: boolean;
}

/** The plan with the person's edits ("overrides", as typed) applied. */
export function applyEdits(plan: Plan, overrides: Record<string, string>, currency: CurrencyCode, formatMoney: (minor: number) => string): AllocationState {
  let allocated = 0;
  let invalid = false;
  const rows = plan.rows.map((row) => {
    const typed = overrides[row.invoiceId];
    const appliedMinor = typed === undefined ? row.proposedMinor : typed.trim() === '' ? 0 : parseMoney(typed, currency);
    let problem: string | null = null;
    if (appliedMinor === null) problem = 'Enter an amount like 1,500.00';
    else if (appliedMinor > row.balanceMinor) problem = `More than the ${formatMoney(row.balanceMinor)} owed`;
    if (appliedMinor !== null) allocated += appliedMinor;
    if (problem) invalid = true;
    return { row, appliedMinor, problem };
  });
  const credit = plan.amountMinor - allocated;
  const problem = credit < 0 ? `These amounts add up to ${formatMoney(allocated)}, more than the payment` : null;
  return { rows, allocatedMinor: allocated, creditMinor: credit, problem, valid: !invalid && problem === null };
}
