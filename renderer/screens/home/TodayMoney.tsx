// Today's money: what is owed, overdue, due this week, received today (M-Pesa apart: the till),
// drafts waiting and messages that need a look. Each card opens the list behind it.
import type { HomeSummary, MoneyCount } from '../../../shared/domain/home';
import { formatCount, money, plural } from '../../lib/format';
import { navigate, paths } from '../../lib/router';
import { useInvoiceQuery } from '../../stores/invoiceQuery';
import type { InvoiceFilter } from '../../../shared/domain/invoice';

function amounts(list: MoneyCount[]): string[] {
  return list.length === 0 ? [money(0, 'KES')] : list.map((m) => money(m.amountMinor, m.currency));
}

const count = (list: MoneyCount[]) => list.reduce((a, m) => a + m.count, 0);

interface CardProps {
  id: string;
  label: string;
  values: string[];
  detail: string;
  /** A second line under the figure, e.g. the M-Pesa part of what came in. */
  extra?: string;
  alarm?: boolean;
  open: { label: string; onOpen: () => void };
}

function Card({ id, label, values, detail, extra, alarm, open }: CardProps) {
  return (
    <div className={`stat home-stat${alarm ? ' stat-alarm' : ''}`} role="group" aria-labelledby={`home-${id}`}>
      <dt id={`home-${id}`} className="stat-label">{label}</dt>
      <dd className="stat-value stat-money">{values.map((v) => <span key={v}>{v}</span>)}</dd>
      {extra && <dd className="home-stat-extra">{extra}</dd>}
      <dd className="stat-hint">{detail}</dd>
      <dd className="home-stat-open">
        <button type="button" className="btn-link" onClick={open.onOpen}>{open.label}</button>
      </dd>
    </div>
  );
}

export function TodayMoney({ summary }: { summary: HomeSummary }) {
  const showInvoices = (status: InvoiceFilter | '') => {
    useInvoiceQuery.getState().clearAll();
    useInvoiceQuery.getState().set({ status });
    navigate(paths.invoices());
  };
  const mpesa = summary.mpesaToday;
  return (
    <section className="home-card" aria-labelledby="money-title">
      <div className="home-card-head">
        <h2 id="money-title">Your money today</h2>
      </div>
      <dl className="stats home-stats">
        <Card id="owed" label="Owed to you" values={amounts(summary.owed)} detail={plural(count(summary.owed), 'unpaid invoice')} open={{ label: 'See unpaid invoices', onOpen: () => showInvoices('unpaid') }} />
        <Card id="overdue" label="Overdue" values={amounts(summary.overdue)} detail={plural(count(summary.overdue), 'invoice') + ' past the due date'} alarm={count(summary.overdue) > 0} open={{ label: 'See overdue invoices', onOpen: () => showInvoices('overdue') }} />
        <Card id="week" label="Due this week" values={amounts(summary.dueThisWeek)} detail={`${plural(count(summary.dueThisWeek), 'invoice')} due in the next 7 days`} open={{ label: 'See unpaid invoices', onOpen: () => showInvoices('unpaid') }} />
        <Card
          id="received"
          label="Received today"
          values={amounts(summary.receivedToday)}
          extra={`M-Pesa: ${amounts(mpesa).join(', ')}`}
          detail={plural(count(summary.receivedToday), 'payment')}
          open={{ label: 'See today’s payments', onOpen: () => navigate(paths.payments()) }}
        />
        <Card id="drafts" label="Drafts waiting" values={[formatCount(summary.drafts)]} detail="not finalized yet" open={{ label: 'See drafts', onOpen: () => showInvoices('draft') }} />
        <Card id="messages" label="Messages needing attention" values={[formatCount(summary.failedMessages)]} detail="failed, or not sent because of an error" alarm={summary.failedMessages > 0} open={{ label: 'See messages', onOpen: () => navigate(paths.messages()) }} />
      </dl>
    </section>
  );
}
