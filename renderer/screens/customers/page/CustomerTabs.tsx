import { useState } from 'react';
import type { Customer } from '../../../../shared/domain/customer';
import { Tabs } from '../../../components/Tabs';
import { paths } from '../../../lib/router';
import { ActivityTab } from './ActivityTab';
import { InvoicesTab } from './InvoicesTab';
import { MessagesTab } from './MessagesTab';
import { OverviewTab } from './OverviewTab';
import { PaymentsTab } from './PaymentsTab';
import { RecurringTab } from '../../recurring/RecurringTab';
import './billing.css';

export const CUSTOMER_TABS = ['overview', 'invoices', 'recurring', 'payments', 'messages', 'activity', 'notes'] as const;

interface CustomerTabsProps {
  customer: Customer;
  refreshToken: number;
  /** The tab to open first (from `#/customers/<id>/tab/<tab>`); unknown names open the overview. */
  initialTab?: string | undefined;
  /** A payment or credit changed this customer's money: fetch them again. */
  onChanged: () => void;
  /** Opens the refund dialog for this customer's credit. */
  onRefund: () => void;
}

export function CustomerTabs({ customer, refreshToken, initialTab, onChanged, onRefund }: CustomerTabsProps) {
  const [selected, setSelected] = useState<string>(() =>
    initialTab && (CUSTOMER_TABS as readonly string[]).includes(initialTab) ? initialTab : 'overview',
  );
  return (
    <Tabs
      label="Customer details"
      selected={selected}
      onSelect={setSelected}
      tabs={[
        { key: 'overview', label: 'Overview', render: () => <OverviewTab customer={customer} /> },
        { key: 'invoices', label: 'Invoices', render: () => <InvoicesTab customer={customer} refreshToken={refreshToken} /> },
        { key: 'recurring', label: 'Recurring', render: () => <RecurringTab customer={customer} refreshToken={refreshToken} /> },
        {
          key: 'payments',
          label: 'Payments',
          render: () => <PaymentsTab customer={customer} refreshToken={refreshToken} onChanged={onChanged} onRefund={onRefund} />,
        },
        { key: 'messages', label: 'Messages', render: () => <MessagesTab customerId={customer.id} /> },
        { key: 'activity', label: 'Activity', render: () => <ActivityTab id={customer.id} refreshToken={refreshToken} /> },
        {
          key: 'notes',
          label: 'Notes',
          render: () =>
            customer.notes ? (
              <p className="notes">{customer.notes}</p>
            ) : (
              <p className="muted">
                No notes yet. Use <a href={paths.customerEdit(customer.id)}>Edit</a> to add notes, such as who to contact or
                how this customer likes to be billed.
              </p>
            ),
        },
      ]}
    />
  );
}
