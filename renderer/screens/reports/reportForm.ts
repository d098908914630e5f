// The report builder's form as typed, and its translation to and from the contract's report definition.
import {
  REPORT_CUSTOMER_STATUSES,
  REPORT_INVOICE_STATUSES,
  REPORT_PAYMENT_STATUSES,
  type ReportDefinition,
  type ReportDefinitionInput,
  type ReportGroup,
  type ReportMeasure,
  type ReportRowKind,
} from '../../../shared/domain/analytics';
import { INVOICE_STATUS_LABELS } from '../../../shared/domain/invoice';
import { parseMoney, type CurrencyCode } from '../../../shared/money';
import { moneyText } from '../../components/MoneyInput';

export interface ReportForm {
  rows: ReportRowKind;
  /** YYYY-MM-DD or '' (no limit). */
  from: string;
  to: string;
  /** '' : every currency. The amount range needs one: an amount means something only in its own currency. */
  currency: CurrencyCode | '';
  statuses: string[];
  customerIds: string[];
  tags: string[];
  /** As typed ("15,000", "2.5k"), read with parseMoney in `currency`. */
  minAmount: string;
  maxAmount: string;
  groupBy: [ReportGroup | '', ReportGroup | ''];
  measures: ReportMeasure[];
}

export const EMPTY_FORM: ReportForm = {
  rows: 'invoices', from: '', to: '', currency: '', statuses: [], customerIds: [], tags: [],
  minAmount: '', maxAmount: '', groupBy: ['customer', ''], measures: ['count', 'sum'],
};

export const ROW_LABELS: Record<ReportRowKind, string> = { invoices: 'Invoices', payments: 'Payments', customers: 'Customers' };
export const GROUP_LABELS: Record<ReportGroup, string> = { customer: 'Customer', month: 'Month', status: 'Status', taxRate: 'Tax rate' };
export const MEASURE_LABELS: Record<ReportMeasure, string> = {
  count: 'Count', sum: 'Total', average: 'Average', p50: 'Median (p50)', p90: '90th percentile (p90)',
};
/** What the amount filter and the measures are taken over, per kind of row (see reportDefinitionSchema). */
export const AMOUNT_OF: Record<ReportRowKind, string> = {
  invoices: 'invoice total, tax included', payments: 'payment amount', customers: 'net billed in the date range',
};
export const DATE_OF: Record<ReportRowKind, string> = { invoices: 'Issued', payments: 'Paid on', customers: 'Billed' };

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The statuses a kind of row can be filtered by, with their labels. */
export function statusOptions(rows: ReportRowKind): { value: string; label: string }[] {
  if (rows === 'invoices') return REPORT_INVOICE_STATUSES.map((s) => ({ value: s, label: INVOICE_STATUS_LABELS[s] }));
  if (rows === 'payments') return REPORT_PAYMENT_STATUSES.map((s) => ({ value: s, label: titleCase(s) }));
  return REPORT_CUSTOMER_STATUSES.map((s) => ({ value: s, label: titleCase(s) }));
}

/** Groupings allowed for a kind of row: tax rate only for invoices, status not for customers. */
export function groupOptions(rows: ReportRowKind): ReportGroup[] {
  return (['customer', 'month', 'status', 'taxRate'] as const).filter((g) => !(g === 'taxRate' && rows !== 'invoices') && !(g === 'status' && rows === 'customers'));
}

/** A new kind of row keeps what still applies and drops what does not (its statuses, a grouping it cannot have). */
export function withRows(form: ReportForm, rows: ReportRowKind): ReportForm {
  const allowed = groupOptions(rows);
  const keep = (g: ReportGroup | '') => (g && allowed.includes(g) ? g : '');
  return { ...form, rows, statuses: [], groupBy: [keep(form.groupBy[0]), keep(form.groupBy[1])] };
}

export type FormProblems = Partial<Record<'from' | 'to' | 'minAmount' | 'maxAmount' | 'measures' | 'groupBy', string>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The definition to send, or what is wrong with the form (each problem next to its field). */
export function toDefinition(form: ReportForm): { definition: ReportDefinitionInput | null; problems: FormProblems } {
  const problems: FormProblems = {};
  if (form.from && !DATE.test(form.from)) problems.from = 'Enter a date as day/month/year, like 31/01/2026';
  if (form.to && !DATE.test(form.to)) problems.to = 'Enter a date as day/month/year, like 31/01/2026';
  if (form.from && form.to && form.from > form.to) problems.to = 'The last day is before the first day';
  const amount = (text: string, key: 'minAmount' | 'maxAmount') => {
    if (!text.trim()) return undefined;
    if (!form.currency) {
      problems[key] = 'Choose a currency first: an amount means something only in its own currency';
      return undefined;
    }
    const minor = parseMoney(text, form.currency);
    if (minor === null) problems[key] = 'Enter an amount like 15,000 or 2.5k';
    return minor ?? undefined;
  };
  const min = amount(form.minAmount, 'minAmount');
  const max = amount(form.maxAmount, 'maxAmount');
  if (min !== undefined && max !== undefined && min > max) problems.maxAmount = 'The largest amount is below the smallest';
  if (form.measures.length === 0) problems.measures = 'Pick at least one measure';
  const groupBy = form.groupBy.filter((g): g is ReportGroup => g !== '');
  if (groupBy.length === 2 && groupBy[0] === groupBy[1]) problems.groupBy = 'Choose two different groupings';
  if (Object.keys(problems).length > 0) return { definition: null, problems };
  return {
    problems,
    definition: {
      rows: form.rows,
      filters: {
        ...(form.from ? { from: form.from } : {}),
        ...(form.to ? { to: form.to } : {}),
        ...(form.currency ? { currency: form.currency } : {}),
        ...(form.statuses.length ? { statuses: form.statuses } : {}),
        ...(form.customerIds.length ? { customerIds: form.customerIds } : {}),
        ...(form.tags.length ? { tags: form.tags } : {}),
        ...(min !== undefined ? { minAmountMinor: min } : {}),
        ...(max !== undefined ? { maxAmountMinor: max } : {}),
      },
      groupBy,
      measures: form.measures,
    },
  };
}

/** A saved definition back into the form, amounts as text in their currency. */
export function fromDefinition(d: ReportDefinition): ReportForm {
  const f = d.filters;
  const currency = f.currency ?? '';
  const text = (minor: number | undefined) => (minor === undefined || !currency ? '' : moneyText(minor, currency));
  return {
    rows: d.rows,
    from: f.from ?? '',
    to: f.to ?? '',
    currency,
    statuses: f.statuses ?? [],
    customerIds: f.customerIds ?? [],
    tags: f.tags ?? [],
    minAmount: text(f.minAmountMinor),
    maxAmount: text(f.maxAmountMinor),
    groupBy: [d.groupBy[0] ?? '', d.groupBy[1] ?? ''],
    measures: d.measures,
  };
}

/** "Invoices by customer and month": how a saved report is described in the list. */
export function describeDefinition(d: ReportDefinition): string {
  const by = d.groupBy.map((g) => GROUP_LABELS[g].toLowerCase());
  return `${ROW_LABELS[d.rows]}${by.length ? ` by ${by.join(' and ')}` : ', one row each'}`;
}
