// A labelled group of radio buttons laid out as a row of choices, with an optional hint and error.
interface RadioGroupProps<T extends string> {
  id: string;
  legend: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  hint?: string | undefined;
  error?: string | undefined;
}

export function RadioGroup<T extends string>({ id, legend, options, value, onChange, hint, error }: RadioGroupProps<T>) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`choice-group${error ? ' field-invalid' : ''}`} aria-describedby={described}>
      <legend>{legend}</legend>
      <div className="choices">
        {options.map((o) => (
          <label key={o.value} className={`choice${o.value === value ? ' choice-on' : ''}`}>
            <input type="radio" name={id} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {hint && <p id={`${id}-hint`} className="field-hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </fieldset>
  );
}
