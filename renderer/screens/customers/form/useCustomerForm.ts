// Form state with inline validation: a field is checked when it loses focus and when the form is submitted;
// a field already showing an error is re-checked as it changes, so the message goes away once fixed.
import { useCallback, useRef, useState } from 'react';
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
  // The latest values, for changes that land before a render (two fields filled at once): each builds on the last.
  const latest = useRef(values);
  latest.current = values;

  const set = useCallback(
    <K extends keyof FormValues>(field: K, value: FormValues[K]) => {
      const next = { ...latest.current, [field]: value };
      latest.current = next;
      setValues(next);
      const key = errorKeyOf(field);
      // Fixing a field clears its message at once; a new problem waits for blur.
      setErrors((shown) => (shown[key] && !validate(next).errors[key] ? recheck(shown, [key], {}) : shown));
    },
    [],
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
