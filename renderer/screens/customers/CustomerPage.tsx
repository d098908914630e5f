// One customer: header with actions, money summary, and tabs.
import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import type { Customer } from '../../../shared/domain/customer';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, formatDate } from '../../lib/format';
import { paths } from '../../lib/router';
import { useCustomersChanged } from '../../lib/useCustomersChanged';
import { toast } from '../../stores/toasts';
import { ArchiveDialog } from './page/ArchiveDialog';
import { CustomerTabs } from './page/CustomerTabs';
import { PageHeader } from './page/PageHeader';
import { SummaryCards } from './page/SummaryCards';

function useCustomer(id: string) {
  const changed = useCustomersChanged((ids) => ids.length === 0 || ids.includes(id));
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
  return { customer, setCustomer, error, changed };
}

export function CustomerPage({ id, tab }: { id: string; tab?: string | undefined }) {
  void tab; // opened on a tab by links from invoices; the tabs read it once the billing tabs land
  const { customer, setCustomer, error, changed } = useCustomer(id);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

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
      <CustomerTabs customer={customer} refreshToken={changed} />
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
