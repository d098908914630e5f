// "New customer" from the invoice's customer picker: name, phone and email are enough to bill
// someone; everything else can be added on their page later.
import { useId, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { Customer } from '../../../shared/domain/customer';
import { AppError } from '../../../shared/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field, describe } from '../../components/Field';
import { errorMessage } from '../../lib/format';
import { useBusinessDefaults } from '../../stores/business';
import { LookalikeNotice } from '../customers/form/LookalikeNotice';
import { GuardedButton } from '../../components/Guarded';

export function QuickCustomerDialog({ name, onCreated, onClose }: { name: string; onCreated: (customer: Customer) => void; onClose: () => void }) {
  const id = useId();
  const [values, setValues] = useState({ name, phone: '', email: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const terms = useBusinessDefaults((s) => s.defaultPaymentTermsDays);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (!values.name.trim()) {
      setErrors({ name: 'Name is required' });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const customer = await invoke('customers.create', { name: values.name, phone: values.phone, email: values.email, paymentTermsDays: terms });
      onCreated(customer);
    } catch (e) {
      setErrors(e instanceof AppError && e.fields ? e.fields : {});
      setProblem(errorMessage(e));
      setBusy(false);
    }
  };
  const field = (key: 'name' | 'phone' | 'email', label: string, hint: string, type: string) => (
    <Field id={`${id}-${key}`} label={label} error={errors[key]} hint={hint}>
      <input
        {...describe(`${id}-${key}`, errors[key], hint)}
        type={type}
        autoComplete="off"
        value={values[key]}
        onChange={(e) => {
          setValues((v) => ({ ...v, [key]: e.target.value }));
          setErrors(({ [key]: _gone, ...rest }) => rest);
        }}
      />
    </Field>
  );

  return (
    <Dialog
      title="New customer"
      onClose={() => !busy && onClose()}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>Cancel</button>
          <GuardedButton action="customers.write" className="btn btn-primary" onClick={() => void save()} disabled={busy}>{busy ? 'Saving…' : 'Save and bill them'}</GuardedButton>
        </>
      }
    >
      <form className="quick-customer" noValidate autoComplete="off" onSubmit={(e) => void save(e)}>
        {problem && <ErrorNotice title="Not saved" message={problem} />}
        {field('name', 'Name', 'As it goes on the invoice', 'text')}
        {field('phone', 'Phone', 'For M-Pesa and SMS, e.g. 0722 123 456', 'tel')}
        {field('email', 'Email', 'Where the invoice is emailed (optional)', 'email')}
        <LookalikeNotice values={{ email: values.email, phone: values.phone, taxId: '', country: 'KE' }} />
        <p className="field-hint">The rest (address, terms, tax ID) can be added on the customer’s page later.</p>
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
