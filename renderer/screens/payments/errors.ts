// Reading the backend's failures for a form: field messages beside their fields, the rest in one notice.
import { AppError } from '../../../shared/errors';
import { errorMessage } from '../../lib/format';

export interface FormFailure {
  /** Field path ("reference", "amountMinor", "allocations.0.amountMinor") -> message. */
  fields: Record<string, string>;
  /** Shown above the buttons when no field explains the failure on its own. */
  message: string | null;
}

/** Splits an error into the fields this form shows and a message for everything else. */
export function formFailure(error: unknown, shownFields: readonly string[]): FormFailure {
  const all = error instanceof AppError && error.fields ? error.fields : {};
  const fields: Record<string, string> = {};
  const others: string[] = [];
  for (const [key, message] of Object.entries(all)) {
    const owner = shownFields.find((f) => key === f || key.startsWith(`${f}.`));
    if (owner) fields[owner] ??= message;
    else others.push(message);
  }
  const message = errorMessage(error);
  // A validation summary only repeats the field messages; a refusal ("already recorded as RCPT-0003…") says more.
  const repeated = Object.values(fields).every((m) => message.includes(m));
  const explained = Object.keys(fields).length > 0 && others.length === 0 && repeated;
  return { fields, message: explained ? null : message };
}

export const NO_FAILURE: FormFailure = { fields: {}, message: null };
