// One customer: header with actions, money summary, and tabs.
import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '../../api';
import type { Customer } from '../../../shared/domain/customer';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, formatDate } from '../../lib/format';
import { navigate, paths } from '../../lib/router';
import { isTypingTarget } from '../../lib/keys';
import { useShortcuts } from '../../stores/shortcuts';
import { RecordPaymentDialog } from '../payments/RecordPaymentDialog';
import { RefundDialog } from '../payments/RefundDialog';
import { StatementDialog } from '../statements/StatementDialog';
import { useCustomersChanged } from '../../lib/useCustomersChanged';
import { canNow } from '../../lib/useCan';
import { useInvoicesChanged } from '../../lib/useInvoicesChanged';
import { toast } from '../../stores/toasts';
import { ArchiveDialog } from './page/ArchiveDialog';
import { CustomerTabs } from './page/CustomerTabs';
import { PageHeader } from './page/PageHeader';
import { SummaryCards } from './page/SummaryCards';

function useCustomer(id: string) {
  const customerChanged = useCustomersChanged((ids) => ids.length === 0 || ids.includes(id));
  // Invoices and payments change what a customer owes, their credit and their tabs.
  const billingChanged = useInvoicesChanged(({ customerIds }) => customerIds.length === 0 || customerIds.includes(id));
  const [asked, setAsked] = useState(0);
  const changed = customerChanged + billingChanged + asked;
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    invoke('customers.get', { id }).then(
      (c) => {
        if (!live) return;
        setCustomer(c);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [id, changed]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return { customer, setCustomer, error, changed, reload };
}

/** N: a new invoice for this customer; P: record a payment from them; R: refund their credit; S: their statement. Not while typing or in a dialog. */
function useCustomerShortcuts(enabled: boolean, id: string, recordPayment: () => void, refund: () => void, statement: () => void) {
  const record = useRef(recordPayment);
  const refundRef = useRef(refund);
  const statementRef = useRef(statement);
  useEffect(() => {
    record.current = recordPayment;
    refundRef.current = refund;
    statementRef.current = statement;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || useShortcuts.getState().helpOpen || document.querySelector('[role="dialog"]')) return;
      const key = event.key.toLowerCase();
      if (!['n', 'p', 'r', 's'].includes(key)) return;
      event.preventDefault();
      if (key === 's') {
        statementRef.current();
        return;
      }
      const permission = canNow(key === 'n' ? 'drafts.write' : key === 'p' ? 'payments.record' : 'payments.reverse');
      if (!permission.allowed) toast.info(permission.reason ?? '');
      else if (key === 'n') navigate(paths.draftNew(id));
      else if (key === 'p') record.current();
      else refundRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, id]);
}

export function CustomerPage({ id, tab }: { id: string; tab?: string | undefined }) {
  const { customer, setCustomer, error, changed, reload } = useCustomer(id);
  const [confirming, setConfirming] = useState(false);
  const [recording, setRecording] = useState(false);
  const [refunding, setRefunding] = useState(false);
  const [statementOpen, setStatementOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const live = customer !== null && customer.archivedAt === null;
  const canRefund = (customer?.financials.creditMinor ?? 0) > 0;
  useCustomerShortcuts(live, id, () => setRecording(true), () => {
    if (canRefund) setRefunding(true);
    else toast.info('There is no credit to refund');
  }, () => setStatementOpen(true));

  if (error && !customer) {
    return (
      <section className="screen">
        <h1>Customer not found</h1>
        <ErrorNotice title="This customer could not be opened" message={error}>
          <a className="btn" href={paths.customers()}>Back to customers</a>
        </ErrorNotice>
      </section>
    );
  }
  if (!customer) {
    return (
      <section className="screen">
        <h1>Customer</h1>
        <Loading />
      </section>
    );
  }

  const run = async (action: 'customers.archive' | 'customers.restore', done: string) => {
    setBusy(true);
    try {
      setCustomer(await invoke(action, { id }));
      setConfirming(false);
      toast.success(done);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen">
      <PageHeader
        customer={customer}
        busy={busy}
        onArchive={() => setConfirming(true)}
        onRestore={() => void run('customers.restore', 'Customer restored')}
        onRecordPayment={() => setRecording(true)}
        onStatement={() => setStatementOpen(true)}
      />
      {customer.archivedAt && (
        <div className="notice notice-warning">
          <p className="notice-title">Archived</p>
          <p>
            Archived on {formatDate(customer.archivedAt)}. This customer is hidden from lists; their history is kept.
            Restore them to bill them again.
          </p>
        </div>
      )}
      <SummaryCards customer={customer} />
      <CustomerTabs customer={customer} refreshToken={changed} initialTab={tab} onChanged={reload} onRefund={() => setRefunding(true)} />
      {recording && (
        <RecordPaymentDialog
          customerId={customer.id}
          customerName={customer.name}
          currency={customer.currency}
          defaultMethod={customer.preferredPaymentMethod}
          onClose={() => setRecording(false)}
          onRecorded={reload}
        />
      )}
      {statementOpen && <StatementDialog customer={customer} onClose={() => setStatementOpen(false)} />}
      {refunding && (
        <RefundDialog
          customerId={customer.id}
          customerName={customer.name}
          currency={customer.currency}
          creditMinor={customer.financials.creditMinor}
          defaultMethod={customer.preferredPaymentMethod}
          onClose={() => setRefunding(false)}
          onRefunded={reload}
        />
      )}
      {confirming && (
        <ArchiveDialog
          name={customer.name}
          busy={busy}
          onConfirm={() => void run('customers.archive', 'Customer archived')}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
