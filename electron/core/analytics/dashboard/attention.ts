// Customers needing attention today: overdue, paying later than they used to, or near or over
// their credit limit. Each gets the reasons in words a person can act on.
import type { AttentionReasonKind, AttentionRow } from '../../../../shared/domain/analytics';
import { formatMoney, type CurrencyCode } from '../../../../shared/money';
import type { Sql } from '../../db/sql';
import { daysBetween } from '../dates';
import { customersByIds, customersWithCreditLimit, payDays, unpaidByCustomer } from './repo';

/** Paying later: the last this-many paid invoices against at least as many before them. */
export const RECENT_PAID = 3;
/** ... taking at least this many days longer on average. */
export const LATER_BY_DAYS = 7;
/** Near the credit limit from this share of it. */
export const NEAR_LIMIT_PCT = 80;
export const MAX_ATTENTION_ROWS = 50;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Per currency, the customers needing attention on `today`, most overdue first. */
export function needsAttention(sql: Sql, today: string): Map<string, AttentionRow[]> {
  const unpaid = unpaidByCustomer(sql, today);
  const later = payDays(sql, RECENT_PAID * 2).filter((r) => {
    const recent = r.last3_days / RECENT_PAID;
    const earlier = (r.total_days - r.last3_days) / (r.paid_count - RECENT_PAID);
    return recent - earlier >= LATER_BY_DAYS;
  });
  const limited = customersWithCreditLimit(sql);
  const ids = new Set<string>([...unpaid.filter((u) => u.overdue_minor > 0).map((u) => u.customer_id), ...later.map((l) => l.customer_id)]);
  const info = new Map([...customersByIds(sql, [...ids]), ...limited].map((c) => [c.id, c]));

  const rows = new Map<string, AttentionRow & { currency: string }>();
  const balances = new Map(unpaid.map((u) => [`${u.currency}|${u.customer_id}`, u]));
  const rowFor = (customerId: string, currency: string) => {
    const key = `${currency}|${customerId}`;
    let row = rows.get(key);
    const customer = info.get(customerId);
    if (!row && customer) {
      const balance = balances.get(key);
      row = {
        currency, customerId, code: customer.code, name: customer.name,
        outstandingMinor: balance?.outstanding_minor ?? 0, overdueMinor: balance?.overdue_minor ?? 0,
        creditLimitMinor: customer.currency === currency ? customer.credit_limit_minor : 0,
        reasons: [], drilldown: { kind: 'receivables', currency: currency as CurrencyCode, asOf: today, customerId },
      };
      rows.set(key, row);
    }
    return row;
  };
  const add = (customerId: string, currency: string, kind: AttentionReasonKind, text: string) => rowFor(customerId, currency)?.reasons.push({ kind, text });

  for (const u of unpaid) {
    if (u.overdue_minor === 0 || u.oldest_overdue_due === null) continue;
    const days = daysBetween(u.oldest_overdue_due, today);
    add(u.customer_id, u.currency, 'overdue', `${formatMoney(u.overdue_minor, u.currency as CurrencyCode)} overdue; the oldest invoice is ${days} day${days === 1 ? '' : 's'} past due`);
  }
  for (const r of later) {
    const customer = info.get(r.customer_id);
    if (!customer) continue;
    const recent = round1(r.last3_days / RECENT_PAID);
    const earlier = round1((r.total_days - r.last3_days) / (r.paid_count - RECENT_PAID));
    add(r.customer_id, customer.currency, 'payingLater', `Paid the last ${RECENT_PAID} invoices in ${recent} days on average, against ${earlier} days before`);
  }
  for (const c of limited) {
    const owed = balances.get(`${c.currency}|${c.id}`)?.outstanding_minor ?? 0;
    const limit = formatMoney(c.credit_limit_minor, c.currency as CurrencyCode);
    if (owed > c.credit_limit_minor) {
      add(c.id, c.currency, 'overCreditLimit', `Owes ${formatMoney(owed, c.currency as CurrencyCode)}, over the ${limit} credit limit`);
    } else if (owed * 100 >= c.credit_limit_minor * NEAR_LIMIT_PCT) {
      add(c.id, c.currency, 'nearCreditLimit', `Owes ${Math.floor((owed * 100) / c.credit_limit_minor)}% of the ${limit} credit limit`);
    }
  }

  const byCurrency = new Map<string, AttentionRow[]>();
  for (const { currency, ...row } of rows.values()) {
    const list = byCurrency.get(currency) ?? [];
    list.push(row);
    byCurrency.set(currency, list);
  }
  for (const [currency, list] of byCurrency) {
    list.sort((a, b) => b.overdueMinor - a.overdueMinor || b.outstandingMinor - a.outstandingMinor || a.name.localeCompare(b.name));
    byCurrency.set(currency, list.slice(0, MAX_ATTENTION_ROWS));
  }
  return byCurrency;
}
