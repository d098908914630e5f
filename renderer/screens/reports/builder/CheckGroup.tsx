import { useId, type ReactNode } from 'react';

interface CheckGroupProps<V extends string> {
  legend: string;
  options: { value: V; label: string }[];
  chosen: V[];
  onChange: (chosen: V[]) => void;
  /** Under the boxes: what choosing none means, or an error. */
  hint?: ReactNode;
  error?: string | undefined;
}

/** A fieldset of checkboxes for a many-of choice (statuses, tags, measures); order follows `options`. */
export function CheckGroup<V extends string>({ legend, options, chosen, onChange, hint, error }: CheckGroupProps<V>) {
  const id = useId();
  const toggle = (value: V, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(value);
    else next.delete(value);
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  return (
    <fieldset className={`check-group${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      <div className="checks">
        {options.map((o) => (
          <div key={o.value} className="checkbox">
            <input id={`${id}-${o.value}`} type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      {hint && !error && <p id={`${id}-hint`} className="field-hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </fieldset>
  );
}
