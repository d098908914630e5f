// Messages: today's numbers, then every email and SMS Billbook sent, scheduled or could not send,
// filtered by status, kind and channel, with Cancel and Send again. Live from the send events.
import { useState } from 'react';
import { invoke } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { plural } from '../../lib/format';
import { paths } from '../../lib/router';
import { NotificationTable } from '../sending/NotificationTable';
import { useNotifications } from '../sending/useNotifications';
import { LogFilterBar } from './LogFilterBar';
import { hasLogFilters, LOG_LIMIT, NO_FILTERS, toLogQuery, type LogFilters } from './logFilters';
import { TodaySummary } from './TodaySummary';
import './messages.css';

function EmptyLog() {
  return (
    <div className="empty">
      <h2>No messages yet</h2>
      <p>
        When you send an invoice — open it and choose <strong>Send…</strong> — each email and SMS is listed here with
        its status: scheduled, sent, or why it failed. Payment reminders and thank-yous appear here too.
      </p>
      <div className="empty-actions">
        <a className="btn btn-primary" href={paths.invoices()}>Go to invoices</a>
        <a className="btn" href={paths.settings('email')}>Set up email and SMS</a>
      </div>
    </div>
  );
}

export function MessagesScreen() {
  const [filters, setFilters] = useState<LogFilters>(NO_FILTERS);
  const query = toLogQuery(filters);
  const list = useNotifications(() => invoke('sending.log', query), JSON.stringify(query));
  const filtered = hasLogFilters(filters);

  return (
    <section className="screen messages-screen">
      <header className="screen-header">
        <div>
          <h1>Messages</h1>
          <p className="muted screen-intro">Every invoice, reminder and thank-you sent by email or SMS, and where each one is.</p>
        </div>
      </header>
      <TodaySummary />
      <section className="messages-log" aria-labelledby="messages-log-heading">
        <h2 id="messages-log-heading">Log</h2>
        <LogFilterBar filters={filters} onChange={setFilters} />
        {list.state === 'loading' && <Loading label="Loading messages…" />}
        {list.state === 'failed' && (
          <ErrorNotice title="Messages could not be loaded" message={list.message}>
            <button type="button" className="btn" onClick={list.reload}>Try again</button>
          </ErrorNotice>
        )}
        {list.state === 'ready' && (
          <>
            <p className="result-count" aria-live="polite">
              {list.value.length >= LOG_LIMIT ? `The newest ${plural(list.value.length, 'message')}` : plural(list.value.length, 'message')}
              {filtered && ' match the filters'}
              {list.refreshing && <span className="muted"> · updating…</span>}
            </p>
            {list.value.length > 0 ? (
              <NotificationTable label="Messages" notifications={list.value} showCustomer showInvoice />
            ) : filtered ? (
              <p className="muted">
                No messages match these filters.{' '}
                <button type="button" className="btn-link" onClick={() => setFilters(NO_FILTERS)}>Show all messages</button>
              </p>
            ) : (
              <EmptyLog />
            )}
          </>
        )}
      </section>
    </section>
  );
}
