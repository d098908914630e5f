import { IMPORT_FIELDS } from '../../../../shared/contract';
import { importFieldLabel } from './fields';

interface MappingTableProps {
  headers: string[];
  mapping: Record<string, string | null>;
  disabled: boolean;
  onChange: (field: string, header: string | null) => void;
}

const NOT_IMPORTED = '';

export function MappingTable({ headers, mapping, disabled, onChange }: MappingTableProps) {
  return (
    <section>
      <h3 id="import-mapping">Columns</h3>
      <p className="muted">Billbook guessed which column holds what. Correct anything it got wrong; the checks below update.</p>
      <div className="mapping-grid">
        {IMPORT_FIELDS.map((field) => {
          const id = `map-${field}`;
          const label = importFieldLabel(field);
          return (
            <div key={field} className="mapping-row">
              <label htmlFor={id}>
                <span className="visually-hidden">Column for </span>
                {label}
              </label>
              <select
                id={id}
                value={mapping[field] ?? NOT_IMPORTED}
                disabled={disabled}
                onChange={(e) => onChange(field, e.target.value === NOT_IMPORTED ? null : e.target.value)}
              >
                <option value={NOT_IMPORTED}>— not imported —</option>
                {headers.map((h) => <option key={h} value={h}>{h}</option>)}
              </select>
            </div>
          );
        })}
      </div>
    </section>
  );
}
