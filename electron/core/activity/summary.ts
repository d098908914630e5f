// Today's numbers for the tray menu and the Messages screen.
import type { ActivitySummary } from '../../../shared/domain/sending';
import { addDays, businessDate } from '../clock';
import type { CoreContext } from '../context';
import { dayCounts } from '../send/repo';

/** The start of the business day, as the UTC instant the log's times are written in. */
export function startOfToday(ctx: CoreContext): string {
  const now = ctx.clock.now();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

/** Unpaid invoices whose due date was yesterday: overdue since this morning. */
export function invoicesFallenOverdue(ctx: CoreContext, today: string): { id: string; number: string; customer: string }[] {
  return ctx.sql
    .prepare(
      `SELECT i.id, i.number, c.name AS customer FROM invoices i JOIN customers c ON c.id = i.customer_id
        WHERE i.status IN ('open', 'partially_paid') AND i.balance_minor > 0 AND i.due_date = ? ORDER BY i.number`,
    )
    .all(addDays(today, -1)) as { id: string; number: string; customer: string }[];
}

export function activitySummary(ctx: CoreContext): ActivitySummary {
  const today = businessDate(ctx.clock.now());
  const since = startOfToday(ctx);
  const counts = dayCounts(ctx.sql, since, ctx.clock.now().toISOString());
  const aiDraftsReady = (ctx.sql.prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'ai.draft' AND state = 'succeeded' AND finished_at >= ?").get(since) as { n: number }).n;
  return { date: today, ...counts, fellOverdue: invoicesFallenOverdue(ctx, today).length, aiDraftsReady };
}
