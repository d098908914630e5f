// Where this invoice's messages are: each email and SMS with its status, live from the send events,
// with Cancel and Send again; or, before anything was sent, how to send it.
import { invoke } from '../../../api';
import type { Invoice } from '../../../../shared/domain/invoice';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { NotificationTable } from '../../sending/NotificationTable';
import { useNotifications } from '../../sending/useNotifications';

interface DeliverySectionProps {
  invoice: Invoice;
  /** Opens the send dialog; absent when the invoice cannot be sent (void). */
  onSend?: (() => void) | undefined;
}

export function DeliverySection({ invoice, onSend }: DeliverySectionProps) {
  const id = invoice.id;
  const list = useNotifications(
    () => invoke('sending.forInvoice', { invoiceId: id }),
    id,
    ({ invoiceIds }) => invoiceIds.length === 0 || invoiceIds.includes(id),
  );
  return (
    <section className="invoice-section invoice-delivery" aria-labelledby="invoice-delivery-heading">
      <div className="section-head">
        <h2 id="invoice-delivery-heading">Delivery</h2>
        {list.state === 'ready' && list.refreshing && <span className="muted">Updating…</span>}
      </div>
      {list.state === 'loading' && <Loading label="Loading the delivery status…" />}
      {list.state === 'failed' && (
        <ErrorNotice title="The delivery status could not be loaded" message={list.message}>
          <button type="button" className="btn" onClick={list.reload}>Try again</button>
        </ErrorNotice>
      )}
      {list.state === 'ready' && list.value.length > 0 && (
        <NotificationTable label="Messages about this invoice" notifications={list.value} showReference />
      )}
      {list.state === 'ready' && list.value.length === 0 && (
        <div className="delivery-empty">
          <p className="muted">
            Not sent yet.{' '}
            {onSend
              ? <>Use <strong>Send…</strong> (or press <kbd>E</kbd>) to email it with its PDF, text it by SMS, or both — now or at a time you choose. Each message and its status shows here.</>
              : 'A void invoice is not sent.'}
          </p>
          {onSend && <button type="button" className="btn" onClick={onSend}>Send this invoice…</button>}
        </div>
      )}
    </section>
  );
}
