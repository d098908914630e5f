import { useState } from 'react';
import type { Customer } from '../../../../shared/domain/customer';
import { Tabs } from '../../../components/Tabs';
import { paths } from '../../../lib/router';
import { ActivityTab } from './ActivityTab';
import { OverviewTab } from './OverviewTab';

export function CustomerTabs({ customer, refreshToken }: { customer: Customer; refreshToken: number }) {
  const [selected, setSelected] = useState('overview');
  return (
    <Tabs
      label="Customer details"
      selected={selected}
      onSelect={setSelected}
      tabs={[
        { key: 'overview', label: 'Overview', render: () => <OverviewTab customer={customer} /> },
        {
          key: 'invoices',
          label: 'Invoices',
          render: () => <p className="muted">This customer’s invoices will appear here once billing is set up. Invoicing arrives in a later release.</p>,
        },
        {
          key: 'payments',
          label: 'Payments',
          render: () => <p className="muted">Payments from this customer will appear here once billing is set up. Payments arrive in a later release.</p>,
        },
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
