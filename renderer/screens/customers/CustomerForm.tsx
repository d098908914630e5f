// New customer / edit customer: loads the customer to edit, then hands over to the form body.
import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import type { Customer } from '../../../shared/domain/customer';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage } from '../../lib/format';
import { paths } from '../../lib/router';
import { FormBody } from './form/FormBody';
import { newCustomerValues, valuesOf } from './form/formValues';
import { useBusinessDefaults } from '../../stores/business';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; customer: Customer };

function EditCustomer({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    invoke('customers.get', { id }).then(
      (customer) => {
        if (live) setLoaded({ state: 'ready', customer });
      },
      (error: unknown) => {
        if (live) setLoaded({ state: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (loaded.state === 'loading') {
    return (
      <section className="screen screen-form">
        <h1>Edit customer</h1>
        <Loading />
      </section>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <section className="screen screen-form">
        <h1>Edit customer</h1>
        <ErrorNotice title="This customer could not be opened" message={loaded.message}>
          <a className="btn" href={paths.customers()}>Back to customers</a>
        </ErrorNotice>
      </section>
    );
  }
  const { customer } = loaded;
  return (
    <section className="screen screen-form">
      <p className="breadcrumb"><a href={paths.customers()}>Customers</a> / <a href={paths.customer(customer.id)}>{customer.name}</a></p>
      <h1>Edit {customer.name}</h1>
      <FormBody initial={valuesOf(customer)} existing={customer} />
    </section>
  );
}

export function CustomerForm({ id }: { id?: string }) {
  if (id) return <EditCustomer id={id} />;
  return <NewCustomer />;
}

function NewCustomer() {
  const termsDays = useBusinessDefaults((s) => s.defaultPaymentTermsDays);
  return (
    <section className="screen screen-form">
      <p className="breadcrumb"><a href={paths.customers()}>Customers</a></p>
      <h1>New customer</h1>
      <FormBody initial={newCustomerValues(termsDays)} />
    </section>
  );
}
