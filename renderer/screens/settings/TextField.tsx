// A labelled one-line input with its hint and error: the most common field on the Settings screen.
import type { InputHTMLAttributes } from 'react';
import { Field, describe } from '../../components/Field';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby'>;

interface TextFieldProps extends InputProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  /** Spans both columns of the section's grid. */
  wide?: boolean;
}

export function TextField({ id, label, value, onValue, hint, error, wide, type = 'text', ...input }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={wide ? 'field-wide' : undefined}>
      <input {...input} {...describe(id, error, hint)} type={type} value={value} onChange={(e) => onValue(e.target.value)} />
    </Field>
  );
}
