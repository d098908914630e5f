// Daily backups: on or off, and how many are kept (older daily ones are deleted; those made by hand never).
import { useState } from 'react';
import { invoke } from '../../api';
import { Field, describe } from '../../components/Field';
import { errorMessage } from '../../lib/format';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import { GuardedButton } from '../../components/Guarded';

export function DailySettings() {
  const changed = useEventCount('settings.changed');
  const settings = useRemote(() => invoke('settings.get', {}), String(changed));
  const stored = settings.state === 'ready' ? settings.value.backups : null;
  const [keep, setKeep] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!stored) return null;
  const keepText = keep ?? String(stored.keep);

  const save = async (daily: boolean, keepValue: string) => {
    const n = Number(keepValue);
    if (!/^\d{1,3}$/.test(keepValue.trim()) || n < 1 || n > 365) {
      setError('Keep 1 to 365 daily backups');
      return;
    }
    setError(null);
    try {
      await invoke('settings.update', { backups: { daily, keep: n } });
      setKeep(null);
      toast.success(daily ? `Daily backups on; the newest ${n} kept` : 'Daily backups off');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="backups-daily" aria-labelledby="backups-daily-title">
      <h2 id="backups-daily-title">Daily backups</h2>
      <form
        className="backups-daily-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(stored.daily, keepText);
        }}
      >
        <label className="switch">
          <input type="checkbox" role="switch" checked={stored.daily} onChange={(e) => void save(e.target.checked, keepText)} />
          <span>Make a backup every day Billbook runs</span>
        </label>
        <Field id="backups-keep" label="Daily backups kept" error={error ?? undefined} hint="Older daily backups are deleted; backups made by hand are never deleted.">
          <div className="inline-field">
            <input
              {...describe('backups-keep', error ?? undefined, 'Older daily backups are deleted; backups made by hand are never deleted.')}
              type="text"
              inputMode="numeric"
              className="backups-keep"
              value={keepText}
              onChange={(e) => setKeep(e.target.value)}
            />
            <GuardedButton action="settings.write" type="submit" className="btn">Save</GuardedButton>
          </div>
        </Field>
      </form>
    </section>
  );
}
