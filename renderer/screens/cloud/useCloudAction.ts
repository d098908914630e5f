// One Billbook Cloud action at a time on a screen: which one is under way, and the last refusal with
// its field messages, so a form shows them where they belong.
import { useCallback, useState } from 'react';
import { AppError } from '../../../shared/errors';
import { errorMessage } from '../../lib/format';

export interface Failure {
  /** Which action failed (the busy name it ran under). */
  action: string;
  code: string;
  message: string;
  fields: Record<string, string>;
}

export function useCloudAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const run = useCallback(async <T,>(action: string, work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(action);
    setFailure(null);
    try {
      return await work();
    } catch (e) {
      setFailure({ action, code: e instanceof AppError ? e.code : 'internal', message: errorMessage(e), fields: e instanceof AppError ? (e.fields ?? {}) : {} });
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);
  const clear = useCallback(() => setFailure(null), []);
  return { busy, failure, run, clear };
}

/** The message for one field, when the last failure was of `action`. */
export function fieldError(failure: Failure | null, action: string, ...fields: string[]): string | undefined {
  if (!failure || failure.action !== action) return undefined;
  for (const f of fields) if (failure.fields[f]) return failure.fields[f];
  return undefined;
}
