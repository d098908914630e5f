// One write-only secret (an API key, the SMTP password): what is typed, whether one is saved, and
// storing or removing it. The value goes once to the secret store and is never read back.
import { useState } from 'react';
import { invoke } from '../../api';
import { SECRET_LABELS, type SecretName, type SettingsView } from '../../../shared/domain/settings';
import { errorMessage } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { sectionErrors } from './fieldErrors';
import { canNow } from '../../lib/useCan';

export interface SecretOptions {
  name: SecretName;
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  /** Said when Save is pressed on an empty box, e.g. "Paste the key from Google AI Studio". */
  emptyError: string;
}

export function useSecret({ name, view, onSaved, emptyError }: SecretOptions) {
  const [replacing, setReplacing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const isSet = view.secretsSet[name];
  const editing = !isSet || replacing;
  const label = SECRET_LABELS[name];

  /** Stores `next` (null removes the secret); resolves true once done. */
  const store = async (next: string | null): Promise<boolean> => {
    if (busy) return false;
    const permission = canNow('settings.write');
    if (!permission.allowed) {
      setError(permission.reason);
      return false;
    }
    if (next !== null && next.trim() === '') {
      setError(emptyError);
      return false;
    }
    setBusy(true);
    setError(undefined);
    try {
      const saved = await invoke('settings.setSecret', { name, value: next });
      setValue('');
      setReplacing(false);
      onSaved(saved);
      toast.success(next === null ? `${label} removed` : `${label} saved`);
      return true;
    } catch (e) {
      setError(sectionErrors(e, '').value ?? errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return {
    name,
    label,
    isSet,
    editing,
    replacing,
    value,
    error,
    busy,
    /** Something is typed that is not saved yet. */
    pending: editing && value.trim() !== '',
    type: (text: string) => {
      setValue(text);
      setError(undefined);
    },
    replace: () => setReplacing(true),
    keepSaved: () => {
      setReplacing(false);
      setValue('');
      setError(undefined);
    },
    store,
  };
}

export type Secret = ReturnType<typeof useSecret>;

/** A section whose secret box is part of its form: unsaved while either is, and one Save stores both (the secret after the section). */
export function withSecret(section: { dirty: boolean; save: () => Promise<boolean> }, secret: Secret | null) {
  return {
    unsaved: section.dirty || (secret?.pending ?? false),
    saveAll: async () => {
      const saved = section.dirty || !secret?.pending ? await section.save() : true;
      if (saved && secret?.pending) await secret.store(secret.value);
    },
  };
}
