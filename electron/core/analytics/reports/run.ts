// Runs a report definition: fetch the matching records, group them (always by currency too, so no
// amount is ever added across currencies), measure each group, sort, and cut to the limit.
import {
  REPORT_MEASURES, type ReportColumn, type ReportDefinition, type ReportGroup, type ReportMeasure, type ReportResult, type ReportRow,
} from '../../../../shared/domain/analytics';
import { INVOICE_STATUS_LABELS, PAYMENT_METHOD_LABELS } from '../../../../shared/domain/invoice';
import type { PaymentMethod } from '../../../../shared/domain/customer';
import { AppError } from '../../../../shared/errors';
import { taxRateLabel } from '../../../../shared/totals';
import { businessDate } from '../../clock';
import type { CoreContext } from '../../context';
import { customersByIds } from '../dashboard/repo';
import { formatRange } from '../dates';
import { averageMinor, nearestRank, PERCENTILES } from './measures';
import {
  amountsOf, customerRecords, detailRecords, everyCustomerName, groupSums, invoiceRecords, measuredGroups, paymentRecords,
  type GroupColumn, type MeasuredDbRow, type RecordNeeds, type RecordsQuery, type ReportRecord,
} from './repo';

const MEASURE_COLUMNS: Record<ReportMeasure, ReportColumn> = {
  count: { key: 'count', label: 'Count', type: 'count' },
  sum: { key: 'sum', label: 'Total', type: 'money' },
  average: { key: 'average', label: 'Average', type: 'money' },
  p50: { key: 'p50', label: 'Median (p50)', type: 'money' },
  p90: { key: 'p90', label: '90th percentile', type: 'money' },
};

const GROUP_COLUMNS: Record<ReportGroup, ReportColumn[]> = {
  customer: [{ key: 'customerCode', label: 'Code', type: 'text' }, { key: 'customerName', label: 'Customer', type: 'text' }],
  month: [{ key: 'month', label: 'Month', type: 'month' }],
  status: [{ key: 'status', label: 'Status', type: 'text' }],
  taxRate: [{ key: 'taxRate', label: 'Tax rate', type: 'text' }],
};

const CURRENCY_COLUMN: ReportColumn = { key: 'currency', label: 'Currency', type: 'text' };

const DETAIL_COLUMNS: Record<ReportDefinition['rows'], ReportColumn[]> = {
  invoices: [
    { key: 'number', label: 'Invoice', type: 'text' }, { key: 'customerName', label: 'Customer', type: 'text' },
    { key: 'issueDate', label: 'Issued', type: 'date' }, { key: 'dueDate', label: 'Due', type: 'date' },
    { key: 'status', label: 'Status', type: 'text' }, CURRENCY_COLUMN,
    { key: 'amount', label: 'Total', type: 'money' }, { key: 'balance', label: 'Balance', type: 'money' },
  ],
  payments: [
    { key: 'number', label: 'Receipt', type: 'text' }, { key: 'customerName', label: 'Customer', type: 'text' },
    { key: 'paidOn', label: 'Paid on', type: 'date' }, { key: 'method', label: 'Method', type: 'text' },
    { key: 'reference', label: 'Reference', type: 'text' }, { key: 'status', label: 'Status', type: 'text' }, CURRENCY_COLUMN,
    { key: 'amount', label: 'Amount', type: 'money' },
  ],
  customers: [
    { key: 'customerCode', label: 'Code', type: 'text' }, { key: 'customerName', label: 'Customer', type: 'text' },
    { key: 'status', label: 'Status', type: 'text' }, CURRENCY_COLUMN, { key: 'amount', label: 'Billed', type: 'money' },
  ],
};

const STATUS_LABELS: Record<string, string> = {
  ...INVOICE_STATUS_LABELS, completed: 'Completed', reversed: 'Reversed', active: 'Active', inactive: 'Inactive', suspended: 'Suspended',
};

const ROW_NAMES: Record<ReportDefinition['rows'], string> = { invoices: 'Invoices', payments: 'Payments', customers: 'Customers' };
const GROUP_NAMES: Record<ReportGroup, string> = { customer: 'customer', month: 'month', status: 'status', taxRate: 'tax rate' };

export function reportTitle(d: ReportDefinition): string {
  const by = d.groupBy.length ? ` by ${d.groupBy.map((g) => GROUP_NAMES[g]).join(' and ')}` : '';
  const f = d.filters;
  const range = f.from && f.to ? `, ${formatRange(f.from, f.to)}` : f.from ? `, from ${f.from}` : f.to ? `, up to ${f.to}` : '';
  return `${ROW_NAMES[d.rows]}${by}${range}`;
}

function recordsOf(d: ReportDefinition, today: string): RecordsQuery {
  const detail = d.groupBy.length === 0;
  const needs: RecordNeeds = {
    month: d.groupBy.includes('month'), status: detail || d.groupBy.includes('status'), taxRate: d.groupBy.includes('taxRate'), detail,
    groupedByCustomerMonth: d.groupBy.length === 2 && d.groupBy[0] === 'customer' && d.groupBy[1] === 'month',
    groupedByMonthFirst: d.groupBy[0] === 'month',
    groupedByCustomerFirst: d.groupBy[0] === 'customer',
  };
  if (d.rows === 'invoices') return invoiceRecords(d, needs, today);
  if (d.rows === 'payments') return paymentRecords(d, needs);
  return customerRecords(d);
}

const GROUP_KEYS: Record<ReportGroup, GroupColumn> = { customer: 'customer_id', month: 'month', status: 'status', taxRate: 'tax_rate_bp' };

interface Measured {
  /** The group's values, in the order of the keys asked for. */
  keys: unknown[];
  count: number;
  values: Partial<Record<ReportMeasure, number | null>>;
}

function measured(keys: unknown[], count: number, sum: number): Measured {
  return { keys, count, values: { count, sum, average: averageMinor(sum, count), p50: null, p90: null } };
}

/**
 * Count, sum, average and the percentiles asked for, per group of `keys` (which end with currency)
 * and per currency alone (the totals). Without percentiles SQLite groups and sums; with them one
 * pass brings every amount back and both groupings are made from it.
 */
function measureGroups(ctx: CoreContext, q: RecordsQuery, keys: GroupColumn[], measures: ReportMeasure[]): { groups: Measured[]; totals: Measured[] } {
  const percents = measures.filter((m) => PERCENTILES[m] !== undefined);
  if (percents.length === 0) {
    const of = (ks: GroupColumn[]) => groupSums(ctx.sql, q, ks).map((row) => measured(ks.map((k) => row[k] ?? null), row.count, row.sum));
    return { groups: of(keys), totals: keys.length === 1 ? of(keys) : of(['currency']) };
  }
  const rows = amountsOf(ctx.sql, q, keys);
  const width = keys.length;
  const collect = (keyOf: (row: unknown[]) => string, valuesOf: (row: unknown[]) => unknown[]) => {
    const groups = new Map<string, { keys: unknown[]; amounts: number[] }>();
    for (const row of rows) {
      const key = keyOf(row);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { keys: valuesOf(row), amounts: [] }));
      group.amounts.push(row[width] as number);
    }
    return [...groups.values()].map(({ keys: values, amounts }) => {
      const sorted = Float64Array.from(amounts).sort();
      const m = measured(values, amounts.length, amounts.reduce((a, x) => a + x, 0));
      for (const p of percents) m.values[p] = sorted[nearestRank(PERCENTILES[p]!, sorted.length) - 1]!;
      return m;
    });
  };
  const groups = collect((row) => row.slice(0, width).join('\u0000'), (row) => row.slice(0, width));
  const totals = width === 1 ? groups : collect((row) => String(row[width - 1]), (row) => [row[width - 1]]);
  return { groups, totals };
}

/** What a group sorts by: customers by the rank of their name, months and codes as text, rates as numbers (exempt last). */
type SortValue = string | number;

export function runReport(ctx: CoreContext, d: ReportDefinition): ReportResult {
  const today = businessDate(ctx.clock.now());
  const q = recordsOf(d, today);
  const measures = REPORT_MEASURES.filter((m) => d.measures.includes(m));
  const detail = d.groupBy.length === 0;
  const main = ctx.config.business.defaultCurrency;

  const keys: GroupColumn[] = [...d.groupBy.map((g) => GROUP_KEYS[g]), 'currency'];
  // Grouped invoices and payments in their usual order: SQLite measures, sorts and cuts the groups,
  // so only the page shown comes back. A sort by a column is done here, over every group.
  const bounded = !detail && d.sortBy === undefined && d.rows !== 'customers';
  const everyone = bounded && d.groupBy.includes('customer') ? rankedCustomers(ctx) : null;
  let groups: Measured[];
  let byCurrency: Measured[];
  let groupCount: number | null = null;
  if (bounded) {
    const percents = measures.filter((m) => PERCENTILES[m] !== undefined);
    const page = measuredGroups(ctx.sql, q, keys, {
      percents: percents.map((m) => PERCENTILES[m]!), customerRanks: everyone?.ranks ?? null, descending: d.direction === 'desc', limit: d.limit,
    });
    const toMeasured = (ks: GroupColumn[]) => (row: MeasuredDbRow) => {
      const m = measured(ks.map((k) => row[k] ?? null), row.count, row.sum);
      percents.forEach((p, i) => (m.values[p] = row.percentiles![i]!));
      return m;
    };
    groups = page.groups.map(toMeasured(keys));
    byCurrency = page.totals.map(toMeasured(['currency']));
    groupCount = page.groupCount;
  } else ({ groups, totals: byCurrency } = measureGroups(ctx, q, keys, measures));
  const recordCount = byCurrency.reduce((a, g) => a + g.count, 0);
  const currencyOf = (m: Measured) => String(m.keys.at(-1));
  const totals = byCurrency
    .sort((a, b) => (currencyOf(a) === main ? -1 : currencyOf(b) === main ? 1 : currencyOf(a).localeCompare(currencyOf(b))))
    .map((m) => {
      const out: ReportRow = { currency: currencyOf(m) };
      for (const measure of measures) out[measure] = m.values[measure] ?? null;
      return out;
    });

  let columns: ReportColumn[];
  let rows: { row: ReportRow; sort: SortValue[] }[];
  let rowCount: number;
  if (detail) {
    columns = DETAIL_COLUMNS[d.rows];
    // Without a sort column the records come in order and only the first `limit` are read.
    const records = detailRecords(ctx.sql, q, d.sortBy === undefined && d.direction === 'asc' ? d.limit : null);
    const customers = customerNames(ctx, d, records.map((r) => r.customer_id), records);
    rows = records.map((r) => ({ row: detailRow(d.rows, r, customers), sort: [] }));
    rowCount = recordCount;
  } else {
    columns = [...d.groupBy.flatMap((g) => GROUP_COLUMNS[g]), CURRENCY_COLUMN, ...measures.map((m) => MEASURE_COLUMNS[m])];
    const at = (g: ReportGroup) => d.groupBy.indexOf(g);
    const customers = everyone?.names ?? customerNames(ctx, d, d.groupBy.includes('customer') ? groups.map((g) => String(g.keys[at('customer')])) : [], []);
    const nameRank = everyone?.ranks ?? nameRanks(customers);
    rows = groups.map(({ keys: group, values }) => {
      const row: ReportRow = {};
      const sort: SortValue[] = [];
      for (const g of d.groupBy) {
        const value = group[at(g)];
        if (g === 'customer') {
          const id = String(value);
          const name = customers.get(id)?.name ?? '';
          row.customerCode = customers.get(id)?.code ?? '';
          row.customerName = name;
          sort.push(nameRank.get(id) ?? -1);
        } else if (g === 'month') {
          row.month = (value as string | null) ?? null;
          sort.push(row.month ?? '');
        } else if (g === 'status') {
          const status = String(value ?? '');
          row.status = STATUS_LABELS[status] ?? status;
          sort.push(status);
        } else {
          const rate = (value as number | null | undefined) ?? null;
          row.taxRate = taxRateLabel(rate);
          sort.push(rate === null ? Number.MAX_SAFE_INTEGER : rate);
        }
      }
      const currency = String(group.at(-1));
      row.currency = currency;
      sort.push(currency);
      for (const m of measures) row[m] = values[m] ?? null;
      return { row, sort };
    });
    rowCount = groupCount ?? rows.length;
  }

  if (d.sortBy !== undefined) {
    if (!columns.some((c) => c.key === d.sortBy)) {
      throw new AppError('invalid_input', `This report has no column "${d.sortBy}"; sort by one of ${columns.map((c) => c.key).join(', ')}.`, { sortBy: 'No such column' });
    }
    const key = d.sortBy;
    rows.sort((a, b) => compare(a.row[key] ?? null, b.row[key] ?? null));
  } else if (!detail && !bounded) {
    rows.sort((a, b) => compareLists(a.sort, b.sort));
  }
  if (d.direction === 'desc' && !bounded) rows.reverse();

  return {
    columns,
    rows: rows.slice(0, d.limit).map((r) => r.row),
    totals,
    rowCount,
    truncated: rowCount > d.limit,
    title: reportTitle(d),
  };
}

/** Customer codes and names: the customers report's detail records have them, the rest look them up. */
function customerNames(ctx: CoreContext, d: ReportDefinition, ids: string[], records: ReportRecord[]): Map<string, { code: string; name: string }> {
  if (d.rows === 'customers' && records.length > 0) return new Map(records.map((r) => [r.customer_id, { code: r.code ?? '', name: r.name ?? '' }]));
  return new Map(customersByIds(ctx.sql, [...new Set(ids)]).map((c) => [c.id, c]));
}

/** Names are compared by a collator once per customer, not once per comparison of 70,000 rows. */
function nameRanks(customers: Map<string, { code: string; name: string }>): Map<string, number> {
  const byName = [...customers.entries()].sort(([ia, a], [ib, b]) => collator.compare(a.name, b.name) || (ia < ib ? -1 : 1));
  return new Map(byName.map(([id], i) => [id, i]));
}

/** Every customer's code and name, and their rank by name: what SQLite sorts customer groups by. */
function rankedCustomers(ctx: CoreContext): { names: Map<string, { code: string; name: string }>; ranks: Map<string, number> } {
  const names = new Map(everyCustomerName(ctx.sql).map((c) => [c.id, { code: c.code, name: c.name }]));
  return { names, ranks: nameRanks(names) };
}

function detailRow(kind: ReportDefinition['rows'], r: ReportRecord, customers: Map<string, { code: string; name: string }>): ReportRow {
  const status = STATUS_LABELS[r.status ?? ''] ?? r.status ?? null;
  const customerName = customers.get(r.customer_id)?.name ?? '';
  if (kind === 'invoices') {
    return { number: r.ref ?? null, customerName, issueDate: r.day ?? null, dueDate: r.due ?? null, status, currency: r.currency, amount: r.amount, balance: r.balance ?? null };
  }
  if (kind === 'payments') {
    return {
      number: r.ref ?? null, customerName, paidOn: r.day ?? null, method: PAYMENT_METHOD_LABELS[r.method as PaymentMethod] ?? r.method ?? null,
      reference: r.reference ?? null, status, currency: r.currency, amount: r.amount,
    };
  }
  return { customerCode: customers.get(r.customer_id)?.code ?? '', customerName, status, currency: r.currency, amount: r.amount };
}

// One collator for every comparison: localeCompare with options builds one per call, which costs
// more than the rest of a large report.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Group sort keys are numbers (name ranks, rates) or plain codes (months, statuses, currencies). */
function compareLists(a: SortValue[], b: SortValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
