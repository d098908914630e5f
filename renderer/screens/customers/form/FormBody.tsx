// The customer form itself: sections, the save and cancel buttons, and what happens on submit.
import { useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../../api';
import { AppError } from '../../../../shared/errors';
import type { Customer } from '../../../../shared/domain/customer';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { errorMessage } from '../../../lib/format';
import { navigate, paths } from '../../../lib/router';
import { toast } from '../../../stores/toasts';
import { AddressSection, BillingSection, BusinessSection, ContactSection, NotesSection, PreferencesSection } from './Sections';
import { valuesOf, type FormValues } from './formValues';
import { useCustomerForm } from './useCustomerForm';
import { useSaveShortcuts } from './useSaveShortcuts';
import { LookalikeNotice } from './LookalikeNotice';
import { GuardedButton } from '../../../components/Guarded';
import { canNow } from '../../../lib/useCan';

interface FormBodyProps {
  initial: FormValues;
  /** The customer being edited; absent for a new one. */
  existing?: Customer;
}

interface SaveProblem {
  message: string;
  conflict: boolean;
  /** About fields the form checks itself: the notice goes once they are all fixed. */
  fromFields?: boolean;
}

export function FormBody({ initial, existing }: FormBodyProps) {
  const form = useCustomerForm(initial);
  const formRef = useRef<HTMLFormElement>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [version, setVersion] = useState(existing?.version ?? 0);

  const focusFirstError = () =>
    window.requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const save = async () => {
    if (saving) return;
    const permission = canNow('customers.write');
    if (!permission.allowed) {
      setProblem({ message: permission.reason ?? '', conflict: false });
      return;
    }
    const { input, errors } = form.check();
    if (Object.keys(errors).length > 0) {
      setProblem({ message: 'Some fields need attention. Fix the highlighted fields and save again.', conflict: false, fromFields: true });
      focusFirstError();
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const saved = existing
        ? await invoke('customers.update', { id: existing.id, version, customer: input })
        : await invoke('customers.create', input);
      toast.success('Customer saved');
      navigate(paths.customer(saved.id));
    } catch (error) {
      if (error instanceof AppError && error.fields) {
        form.showErrors(error.fields);
        focusFirstError();
      }
      setProblem({ message: errorMessage(error), conflict: error instanceof AppError && error.code === 'conflict' });
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => navigate(existing ? paths.customer(existing.id) : paths.customers());

  const loadLatest = async () => {
    if (!existing) return;
    try {
      const latest = await invoke('customers.get', { id: existing.id });
      form.reset(valuesOf(latest));
      setVersion(latest.version);
      setProblem(null);
    } catch (error) {
      setProblem({ message: errorMessage(error), conflict: false });
    }
  };

  useSaveShortcuts(() => void save(), cancel);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    // A customer's details are not the person's own: the browser must not fill them from a saved profile
    // (it offered the last customer's email when a name was picked from its suggestions).
    <form ref={formRef} className="customer-form" noValidate autoComplete="off" onSubmit={onSubmit} aria-busy={saving}>
      {problem && !(problem.fromFields && Object.keys(form.errors).length === 0) && (
        <ErrorNotice title={problem.conflict ? 'Someone else changed this customer' : 'Not saved'} message={problem.message}>
          {problem.conflict && (
            <button type="button" className="btn" onClick={() => void loadLatest()}>Discard my changes and load the latest</button>
          )}
        </ErrorNotice>
      )}
      <ContactSection form={form} />
      <LookalikeNotice values={form.values} exceptId={existing?.id} />
      <AddressSection form={form} />
      <BusinessSection form={form} />
      <BillingSection form={form} />
      <PreferencesSection form={form} />
      <NotesSection form={form} />
      <div className="form-actions">
        <GuardedButton action="customers.write" type="submit" className="btn btn-primary" disabled={saving}>{saving ? 'Saving…' : 'Save customer'}</GuardedButton>
        <button type="button" className="btn" onClick={cancel}>Cancel</button>
        <span className="muted form-keys"><kbd>Ctrl</kbd>+<kbd>S</kbd> saves · <kbd>Esc</kbd> cancels</span>
      </div>
    </form>
  );
}
