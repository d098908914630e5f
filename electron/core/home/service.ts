// The first screen's facts: which first steps are done, and today's money.
import type { HomeSummary, MoneyCount } from '../../../shared/domain/home';
import type { CurrencyCode } from '../../../shared/money';
import { addDays } from '../clock';
import type { CoreContext } from '../context';
import { today } from '../invoices/service';
import { attentionCount } from '../send/repo';
import { readSettings } from '../settings/service';

interface Row {
  currency: string;
  count: number;
  amount: number;
}

const money = (rows: Row[]): MoneyCount[] => rows.map((r) => ({ currency: r.currency as CurrencyCode, count: r.count, amountMinor: r.amount }));

export function homeSummary(ctx: CoreContext): HomeSummary {
  const day = today(ctx);
  const settings = readSettings(ctx);
  const { mpesa, bank, note } = settings.payment;
  const exists = (sql: string) => ctx.sql.prepare(`SELECT EXISTS (${sql}) AS yes`).get() as { yes: number };
  const owedBy = (extra: string, params: Record<string, string> = {}) =>
    money(
      ctx.sql
        .prepare(
          `SELECT currency, count(*) AS count, sum(balance_minor) AS amount FROM invoices
           WHERE status IN ('open', 'partially_paid') AND balance_minor > 0 ${extra} GROUP BY currency ORDER BY currency`,
        )
        .all(params) as Row[],
    );
  const received = (extra: string) =>
    money(
      ctx.sql
        .prepare(
          `SELECT currency, count(*) AS count, sum(amount_minor) AS amount FROM payments
           WHERE paid_on = @day AND status = 'completed' ${extra} GROUP BY currency ORDER BY currency`,
        )
        .all({ day }) as Row[],
    );
  return {
    today: day,
    setup: {
      business: settings.business.name.trim() !== '',
      payment: mpesa.kind !== 'none' || bank.accountNumber !== '' || note !== '',
      customer: exists('SELECT 1 FROM customers WHERE deleted_at IS NULL').yes === 1,
      invoice: exists("SELECT 1 FROM invoices WHERE status <> 'draft'").yes === 1,
    },
    owed: owedBy(''),
    overdue: owedBy('AND due_date < @day', { day }),
    dueThisWeek: owedBy('AND due_date >= @day AND due_date <= @end', { day, end: addDays(day, 6) }),
    receivedToday: received(''),
    mpesaToday: received("AND method = 'mpesa'"),
    drafts: (ctx.sql.prepare("SELECT count(*) AS n FROM invoices WHERE status = 'draft' AND deleted_at IS NULL").get() as { n: number }).n,
    failedMessages: attentionCount(ctx.sql, ctx.clock.now().toISOString()),
  };
}
