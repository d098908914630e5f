// Every email and SMS to this customer (invoices sent, reminders, thank-yous), newest first, live.
import { invoke } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { paths } from '../../../lib/router';
import { NotificationTable } from '../../sending/NotificationTable';
import { useNotifications } from '../../sending/useNotifications';

const LIMIT = 200;

export function MessagesTab({ customerId }: { customerId: string }) {
  const list = useNotifications(
    () => invoke('sending.log', { customerId, limit: LIMIT }),
    customerId,
    ({ customerIds }) => customerIds.length === 0 || customerIds.includes(customerId),
  );
  if (list.state === 'loading') return <Loading label="Loading messages…" />;
  if (list.state === 'failed') {
    return (
      <ErrorNotice title="Messages could not be loaded" message={list.message}>
        <button type="button" className="btn" onClick={list.reload}>Try again</button>
      </ErrorNotice>
    );
  }
  if (list.value.length === 0) {
    return (
      <p className="muted">
        No messages yet. Invoices you send from an invoice’s page (Send…), payment reminders and thank-yous are listed
        here with their status. <a href={paths.messages()}>All messages</a>
      </p>
    );
  }
  return (
    <>
      <NotificationTable label="Messages to this customer" notifications={list.value} showInvoice />
      {list.value.length >= LIMIT && (
        <p className="muted">The newest {LIMIT} are shown; older ones are kept. <a href={paths.messages()}>All messages</a></p>
      )}
    </>
  );
}
