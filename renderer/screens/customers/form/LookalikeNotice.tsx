// "This phone number is already Wanjiku Traders'": the warning the import gives for a probable
// duplicate, given as a person types. A warning, not a refusal: two customers may share a number.
import { invoke } from '../../../api';
import { useDebounced } from '../../../lib/useDebounced';
import { useRemote } from '../../../lib/useRemote';
import { paths } from '../../../lib/router';
import type { FormValues } from './formValues';

const WHAT = { email: 'email address', phone: 'phone number', taxId: 'tax ID' } as const;

export function LookalikeNotice({ values, exceptId }: { values: Pick<FormValues, 'email' | 'phone' | 'taxId' | 'country'>; exceptId?: string }) {
  // A string, so the same values are the same key from one render to the next.
  const key = useDebounced(JSON.stringify({ email: values.email, phone: values.phone, taxId: values.taxId, country: values.country }), 400);
  const typed = JSON.parse(key) as { email: string; phone: string; taxId: string; country: string };
  const empty = !typed.email.trim() && !typed.phone.trim() && !typed.taxId.trim();
  const found = useRemote(
    () => (empty ? Promise.resolve([]) : invoke('customers.lookalikes', { ...typed, ...(exceptId ? { exceptId } : {}) })),
    key,
  );
  const matches = found.state === 'ready' ? found.value : [];
  if (matches.length === 0) return null;
  return (
    <div className="notice notice-warning lookalikes" role="status" aria-label="Possible duplicate">
      <p className="notice-title">This may be a customer you already have</p>
      <ul>
        {matches.map((m) => (
          <li key={`${m.field}-${m.customer.id}`}>
            <a href={paths.customer(m.customer.id)}>{m.customer.name}</a> <span className="code">{m.customer.code}</span> has this {WHAT[m.field]}.
          </li>
        ))}
      </ul>
      <p>Open them instead, or save anyway if this is someone else.</p>
    </div>
  );
}
