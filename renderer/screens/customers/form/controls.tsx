// Form controls bound to the customer form: label, value, blur validation and the inline error.
import type { ReactNode } from 'react';
import { Checkbox, Field, describe } from '../../../components/Field';
import { errorKeyOf, type FormValues } from './formValues';
import type { CustomerFormApi } from './useCustomerForm';

type TextKey = { [K in keyof FormValues]: FormValues[K] extends string ? K : never }[keyof FormValues];
type BoolKey = { [K in keyof FormValues]: FormValues[K] extends boolean ? K : never }[keyof FormValues];

export const fieldId = (field: keyof FormValues) => `customer-${field}`;

interface TextProps {
  form: CustomerFormApi;
  field: TextKey;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal';
  className?: string;
}

export function TextInput({ form, field, label, hint, type = 'text', autoComplete = 'off', inputMode, className }: TextProps) {
  const id = fieldId(field);
  const error = form.errors[errorKeyOf(field)];
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <input
        {...describe(id, error, hint)}
        type={type}
        name={field}
        autoComplete={autoComplete}
        inputMode={inputMode}
        value={form.values[field]}
        onChange={(e) => form.set(field, e.target.value)}
        onBlur={() => form.blur(field)}
      />
    </Field>
  );
}

export function TextArea({ form, field, label, hint }: TextProps) {
  const id = fieldId(field);
  const error = form.errors[errorKeyOf(field)];
  return (
    <Field id={id} label={label} error={error} hint={hint} className="field-wide">
      <textarea
        {...describe(id, error, hint)}
        name={field}
        rows={5}
        value={form.values[field]}
        onChange={(e) => form.set(field, e.target.value)}
        onBlur={() => form.blur(field)}
      />
    </Field>
  );
}

interface SelectProps<K extends TextKey> {
  form: CustomerFormApi;
  field: K;
  label: string;
  hint?: string;
  options: readonly (readonly [value: FormValues[K], label: string])[];
  children?: ReactNode;
}

export function SelectInput<K extends TextKey>({ form, field, label, hint, options }: SelectProps<K>) {
  const id = fieldId(field);
  const error = form.errors[errorKeyOf(field)];
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <select
        {...describe(id, error, hint)}
        name={field}
        value={form.values[field]}
        onChange={(e) => form.set(field, e.target.value as FormValues[K])}
        onBlur={() => form.blur(field)}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>{text}</option>
        ))}
      </select>
    </Field>
  );
}

export function CheckInput({ form, field, label }: { form: CustomerFormApi; field: BoolKey; label: string }) {
  return <Checkbox id={fieldId(field)} label={label} checked={form.values[field]} onChange={(v) => form.set(field, v)} />;
}
