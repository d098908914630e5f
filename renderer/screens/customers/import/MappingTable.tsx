import { IMPORT_FIELDS, type ImportHeldBack } from '../../../../shared/contract';
import { importFieldLabel } from './fields';

interface MappingTableProps {
  headers: string[];
  mapping: Record<string, string | null>;
  /** Columns the first check matched by name but left out: their values do not fit. */
  heldBack: ImportHeldBack[];
  disabled: boolean;
  onChange: (field: string, header: string | null) => void;
}

const NOT_IMPORTED = '';

export function MappingTable({ headers, mapping, heldBack, disabled, onChange }: MappingTableProps) {
  return (
    <section>
      <h3 id="import-mapping">Columns</h3>
      <p className="muted">Billbook guessed which column holds what. Correct anything it got wrong; the checks below update.</p>
      <div className="mapping-grid">
        {IMPORT_FIELDS.map((field) => {
          const id = `map-${field}`;
          const label = importFieldLabel(field);
          const held = mapping[field] ? undefined : heldBack.find((h) => h.field === field);
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
                aria-describedby={held ? `${id}-hint` : undefined}
                onChange={(e) => onChange(field, e.target.value === NOT_IMPORTED ? null : e.target.value)}
              >
                <option value={NOT_IMPORTED}>— not imported —</option>
                {headers.map((h) => <option key={h} value={h}>{h}</option>)}
              </select>
              {held && (
                <p id={`${id}-hint`} className="field-hint mapping-hint">
                  Not chosen: column “{held.header}” would reject line {held.line} ({held.reason}). Choose it to import it anyway; cells it does not fit are then left out, with a warning each.
                </p>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
