// Form state with inline validation: a field is checked when it loses focus and when the form is submitted;
// a field already showing an error is re-checked as it changes, so the message goes away once fixed.
import { useCallback, useState } from 'react';
import { errorKeyOf, validate, type FormValues, type Validation } from './formValues';

export interface CustomerFormApi {
  values: FormValues;
  errors: Record<string, string>;
  set: <K extends keyof FormValues>(field: K, value: FormValues[K]) => void;
  blur: (field: keyof FormValues) => void;
  /** Validates everything and shows every error; returns the input when there is none. */
  check: () => Validation;
  showErrors: (errors: Record<string, string>) => void;
  reset: (values: FormValues) => void;
}

function recheck(previous: Record<string, string>, keys: string[], all: Record<string, string>): Record<string, string> {
  const next = { ...previous };
  for (const key of keys) {
    const message = all[key];
    if (message) next[key] = message;
    else delete next[key];
  }
  return next;
}

export function useCustomerForm(initial: FormValues): CustomerFormApi {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const set = useCallback(
    <K extends keyof FormValues>(field: K, value: FormValues[K]) => {
      const next = { ...values, [field]: value };
      setValues(next);
      const key = errorKeyOf(field);
      // Fixing a field clears its message at once; a new problem waits for blur.
      if (errors[key] && !validate(next).errors[key]) setErrors((shown) => recheck(shown, [key], {}));
    },
    [values, errors],
  );

  const blur = useCallback(
    (field: keyof FormValues) => {
      const all = validate(values).errors;
      setErrors((shown) => recheck(shown, [errorKeyOf(field), ...Object.keys(shown)], all));
    },
    [values],
  );

  const check = useCallback(() => {
    const result = validate(values);
    setErrors(result.errors);
    return result;
  }, [values]);

  const reset = useCallback((next: FormValues) => {
    setValues(next);
    setErrors({});
  }, []);

  return { values, errors, set, blur, check, showErrors: setErrors, reset };
}
