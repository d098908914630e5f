// What every Settings section does the same way: a form loaded from the stored values, kept in step
// with changes from elsewhere while nothing here is unsaved, checked, saved, and its errors shown.
import { useState } from 'react';
import { invoke } from '../../api';
import type { ChannelInput } from '../../../shared/contract';
import type { SettingsView } from '../../../shared/domain/settings';
import { errorMessage } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { sectionErrors } from './fieldErrors';
import { canNow } from '../../lib/useCan';

interface SectionOptions<Stored, Form> {
  view: SettingsView;
  storedOf: (view: SettingsView) => Stored;
  formOf: (stored: Stored) => Form;
  /** The form as the update to send, or the fields that need fixing first. */
  check: (form: Form) => { update: ChannelInput<'settings.update'> | null; errors: Record<string, string> };
  /** The backend's field names for this section start with it, e.g. "ai.". */
  errorPrefix: string;
  savedMessage: string;
  onSaved: (view: SettingsView) => void;
}

export function useSettingsSection<Stored, Form>(options: SectionOptions<Stored, Form>) {
  const stored = options.storedOf(options.view);
  const [loadedFrom, setLoadedFrom] = useState(stored);
  const [form, setForm] = useState(() => options.formOf(stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(options.formOf(loadedFrom));

  // Changed elsewhere (another window) while nothing here is unsaved: show the new values.
  if (stored !== loadedFrom && !dirty) {
    setLoadedFrom(stored);
    setForm(options.formOf(stored));
  }

  /** Resolves true once saved; false when nothing was saved (a check failed, or a save is under way). */
  const save = async (): Promise<boolean> => {
    if (busy) return false;
    const permission = canNow('settings.write');
    if (!permission.allowed) {
      toast.info(permission.reason ?? '');
      return false;
    }
    const { update, errors: own } = options.check(form);
    if (!update || Object.keys(own).length > 0) {
      setErrors(own);
      return false;
    }
    setBusy(true);
    try {
      const next = await invoke('settings.update', update);
      const saved = options.storedOf(next);
      setLoadedFrom(saved);
      setForm(options.formOf(saved));
      setErrors({});
      options.onSaved(next);
      toast.success(options.savedMessage);
      return true;
    } catch (e) {
      const fields = sectionErrors(e, options.errorPrefix);
      setErrors(fields);
      if (Object.keys(fields).length === 0) toast.error(`Not saved: ${errorMessage(e)}`);
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** Forgets the errors of fields the person has just changed. */
  const clearErrors = (...keys: string[]) =>
    setErrors((e) => {
      if (!keys.some((k) => k in e)) return e;
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });

  return { form, setForm, errors, setErrors, clearErrors, busy, dirty, save };
}
