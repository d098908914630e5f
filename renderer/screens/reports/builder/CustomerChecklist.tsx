import { useId, useState } from 'react';
import { invoke } from '../../../api';
import { useDebounced } from '../../../lib/useDebounced';
import { useRemote } from '../../../lib/useRemote';
import { plural } from '../../../lib/format';

const SHOWN = 100;

interface Props {
  chosen: string[];
  onChange: (ids: string[]) => void;
}

/** Which customers to include: a searchable list of checkboxes; none ticked means everyone. */
export function CustomerChecklist({ chosen, onChange }: Props) {
  const id = useId();
  const [search, setSearch] = useState('');
  // The backend searches (name, code, phone…), so a book of thousands of customers still finds one.
  const needle = useDebounced(search.trim(), 200);
  const remote = useRemote(
    () => invoke('customers.list', { search: needle, sort: 'name', direction: 'asc', includeArchived: false, offset: 0, limit: SHOWN }),
    needle,
  );
  const shown = remote.state === 'ready' ? remote.value.rows : [];
  const more = remote.state === 'ready' ? remote.value.total - shown.length : 0;
  const toggle = (customerId: string, on: boolean) => onChange(on ? [...chosen, customerId] : chosen.filter((x) => x !== customerId));

  return (
    <fieldset className="check-group customer-checklist">
      <legend>Customers</legend>
      <div className="customer-checklist-top">
        <label htmlFor={`${id}-search`} className="visually-hidden">Find a customer</label>
        <input id={`${id}-search`} type="search" placeholder="Find a customer…" value={search} onChange={(e) => setSearch(e.target.value)} />
        {chosen.length > 0 && (
          <button type="button" className="btn-link" onClick={() => onChange([])}>Clear ({chosen.length})</button>
        )}
      </div>
      {remote.state === 'failed' && <p className="field-error">Customers could not be loaded: {remote.message}</p>}
      <ul className="customer-checklist-list" aria-label="Customers to include">
        {shown.map((c) => (
          <li key={c.id} className="checkbox">
            <input id={`${id}-${c.id}`} type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
            <label htmlFor={`${id}-${c.id}`}>{c.name} <span className="code">{c.code}</span></label>
          </li>
        ))}
        {remote.state === 'ready' && shown.length === 0 && <li className="muted">{needle ? 'No customer matches.' : 'No customers yet.'}</li>}
      </ul>
      {more > 0 && <p className="field-hint">{plural(more, 'more customer')} — type to find them.</p>}
      <p className="field-hint">{chosen.length === 0 ? 'None ticked: every customer.' : `${plural(chosen.length, 'customer')} chosen.`}</p>
    </fieldset>
  );
}
