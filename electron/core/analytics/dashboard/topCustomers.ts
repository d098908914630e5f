// The customers a dashboard names: top by net billed (with one "others" slice) and by receivables.
import type { CustomerSlice, DrilldownTarget, ResolvedPeriod, TopCustomerRow } from '../../../../shared/domain/analytics';
import type { CurrencyCode } from '../../../../shared/money';
import type { CustomerReceivable } from '../receivables/asOf';
import type { CustomerBilledDbRow } from './repo';

/** Customers shown by name in revenue by customer and the top lists; the rest are one "others" slice. */
export const TOP_CUSTOMERS = 10;

interface CustomerFigures {
  customerId: string;
  billedMinor: number;
  invoiceCount: number;
  outstandingMinor: number;
  overdueMinor: number;
}

export interface TopCustomers {
  all: CustomerFigures[];
  byBilled: CustomerFigures[];
  byOutstanding: CustomerFigures[];
  ids: string[];
  totalBilledMinor: number;
}

export function topCustomers(
  currency: string, billed: CustomerBilledDbRow[], receivables: Map<string, CustomerReceivable>,
): TopCustomers {
  const figures = new Map<string, CustomerFigures>();
  const get = (customerId: string) => {
    let f = figures.get(customerId);
    if (!f) figures.set(customerId, (f = { customerId, billedMinor: 0, invoiceCount: 0, outstandingMinor: 0, overdueMinor: 0 }));
    return f;
  };
  for (const r of billed) {
    if (r.currency !== currency) continue;
    const f = get(r.customer_id);
    f.billedMinor = r.billed_minor - r.credited_minor;
    f.invoiceCount = r.invoice_count;
  }
  for (const [key, r] of receivables) {
    const [cur, customerId] = key.split('|') as [string, string];
    if (cur !== currency) continue;
    const f = get(customerId);
    f.outstandingMinor = r.outstandingMinor;
    f.overdueMinor = r.overdueMinor;
  }
  const all = [...figures.values()];
  const byBilled = all.filter((f) => f.billedMinor !== 0 || f.invoiceCount > 0)
    .sort((a, b) => b.billedMinor - a.billedMinor || (a.customerId < b.customerId ? -1 : 1));
  const byOutstanding = all.filter((f) => f.outstandingMinor > 0)
    .sort((a, b) => b.outstandingMinor - a.outstandingMinor || (a.customerId < b.customerId ? -1 : 1)).slice(0, TOP_CUSTOMERS);
  const topBilled = byBilled.slice(0, TOP_CUSTOMERS);
  return {
    all: byBilled,
    byBilled: topBilled,
    byOutstanding,
    ids: [...new Set([...topBilled, ...byOutstanding].map((f) => f.customerId))],
    totalBilledMinor: byBilled.reduce((a, f) => a + f.billedMinor, 0),
  };
}

export type Names = Map<string, { code: string; name: string }>;

export function slices(currency: CurrencyCode, t: TopCustomers, period: ResolvedPeriod, names: Names): CustomerSlice[] {
  const range = { currency, from: period.from, to: period.to };
  const share = (minor: number) => (t.totalBilledMinor > 0 ? Math.round((minor / t.totalBilledMinor) * 1000) / 10 : null);
  const out: CustomerSlice[] = t.byBilled.map((f) => ({
    customerId: f.customerId, name: names.get(f.customerId)?.name ?? '', code: names.get(f.customerId)?.code ?? null,
    billedMinor: f.billedMinor, invoiceCount: f.invoiceCount, sharePct: share(f.billedMinor),
    drilldown: { kind: 'billed', ...range, customerId: f.customerId },
  }));
  const rest = t.all.slice(TOP_CUSTOMERS);
  if (rest.length > 0) {
    const billedMinor = rest.reduce((a, f) => a + f.billedMinor, 0);
    out.push({
      customerId: null, name: `Others (${rest.length} customer${rest.length === 1 ? '' : 's'})`, code: null, billedMinor,
      invoiceCount: rest.reduce((a, f) => a + f.invoiceCount, 0), sharePct: share(billedMinor),
      drilldown: { kind: 'billed', ...range, excludeCustomerIds: t.byBilled.map((f) => f.customerId) },
    });
  }
  return out;
}

export function topRow(f: CustomerFigures, names: Names, drilldown: DrilldownTarget): TopCustomerRow {
  const n = names.get(f.customerId);
  return {
    customerId: f.customerId, code: n?.code ?? '', name: n?.name ?? '', billedMinor: f.billedMinor,
    outstandingMinor: f.outstandingMinor, overdueMinor: f.overdueMinor, invoiceCount: f.invoiceCount, drilldown,
  };
}
