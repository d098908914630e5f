import type { ImportDuplicate } from '../../../../shared/contract';
import { formatCount } from '../../../lib/format';
import type { DuplicateAction } from './fields';

const SHOWN = 500;
const MATCH_LABELS = { email: 'email', phone: 'phone', taxId: 'tax ID' } as const;

interface DuplicatesTableProps {
  rows: ImportDuplicate[];
  actions: Record<string, DuplicateAction>;
  onChange: (line: number, action: DuplicateAction) => void;
  onAll: (action: DuplicateAction) => void;
}

export function DuplicatesTable({ rows, actions, onChange, onAll }: DuplicatesTableProps) {
  if (rows.length === 0) return null;
  return (
    <section>
      <h3 id="import-duplicates">Possible duplicates</h3>
      <p>
        These rows look like customers you already have. <strong>Skip</strong> leaves the existing customer as it is;
        <strong> Update existing</strong> overwrites it with the values from the file.
      </p>
      <div className="inline-actions">
        <button type="button" className="btn btn-small" onClick={() => onAll('skip')}>Skip all</button>
        <button type="button" className="btn btn-small" onClick={() => onAll('update')}>Update all</button>
      </div>
      <table className="data-table" aria-labelledby="import-duplicates">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Name in file</th>
            <th scope="col">Matches existing customer</th>
            <th scope="col">Matched on</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((d) => (
            <tr key={d.line}>
              <td className="num">{d.line}</td>
              <td>{d.name}</td>
              <td><span className="code">{d.existing.code}</span> {d.existing.name}</td>
              <td>{d.matchedOn.map((m) => MATCH_LABELS[m]).join(', ')}</td>
              <td>
                <label htmlFor={`dup-${d.line}`} className="visually-hidden">Action for line {d.line}</label>
                <select
                  id={`dup-${d.line}`}
                  value={actions[String(d.line)] ?? 'skip'}
                  onChange={(e) => onChange(d.line, e.target.value as DuplicateAction)}
                >
                  <option value="skip">Skip</option>
                  <option value="update">Update existing</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && (
        <p className="muted">
          Showing the first {SHOWN} of {formatCount(rows.length)}; the rest follow “Skip all” / “Update all”, or are skipped.
        </p>
      )}
    </section>
  );
}
