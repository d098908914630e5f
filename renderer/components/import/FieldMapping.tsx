// Which column of the file feeds each field: one select a field, the required ones said so.
export interface ImportFieldSpec {
  key: string;
  label: string;
  /** Why the field matters, when it is required or read in a special way. */
  hint?: string;
  required?: boolean;
}

interface FieldMappingProps {
  idPrefix: string;
  fields: readonly ImportFieldSpec[];
  headers: string[];
  mapping: Record<string, string | null>;
  disabled: boolean;
  onChange: (field: string, header: string | null) => void;
}

const NOT_IMPORTED = '';

export function FieldMapping({ idPrefix, fields, headers, mapping, disabled, onChange }: FieldMappingProps) {
  return (
    <section>
      <h3 id={`${idPrefix}-mapping`}>Columns</h3>
      <p className="muted">Billbook matched the file’s columns to its fields. Correct anything it got wrong; the checks below update.</p>
      <div className="mapping-grid">
        {fields.map((field) => {
          const id = `${idPrefix}-map-${field.key}`;
          return (
            <div key={field.key} className="mapping-row">
              <label htmlFor={id}>
                <span className="visually-hidden">Column for </span>
                {field.label}
                {field.required && <span className="muted"> (required)</span>}
              </label>
              <select
                id={id}
                value={mapping[field.key] ?? NOT_IMPORTED}
                disabled={disabled}
                aria-describedby={field.hint ? `${id}-hint` : undefined}
                onChange={(e) => onChange(field.key, e.target.value === NOT_IMPORTED ? null : e.target.value)}
              >
                <option value={NOT_IMPORTED}>— not imported —</option>
                {headers.filter((h) => h !== '').map((h) => <option key={h} value={h}>{h}</option>)}
              </select>
              {field.hint && <p id={`${id}-hint`} className="field-hint mapping-hint">{field.hint}</p>}
            </div>
          );
        })}
      </div>
    </section>
  );
}
