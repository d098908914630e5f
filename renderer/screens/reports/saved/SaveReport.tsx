import { useId, useState, type FormEvent } from 'react';
import { invoke } from '../../../api';
import { AppError } from '../../../../shared/errors';
import type { ReportDefinitionInput } from '../../../../shared/domain/analytics';
import { errorMessage } from '../../../lib/format';
import { toast } from '../../../stores/toasts';
import { useReportStore } from '../reportStore';
import { GuardedButton } from '../../../components/Guarded';

interface Props {
  /** What Save keeps: the definition the results on screen were run with. */
  definition: ReportDefinitionInput;
  onSaved: () => void;
}

/**
 * Names and saves the report on screen. Opened from the saved list, it offers "Save changes" (with the
 * version it was opened at, so an older tab cannot overwrite a newer save) and "Save as new".
 */
export function SaveReport({ definition, onSaved }: Props) {
  const id = useId();
  const opened = useReportStore((s) => s.opened);
  const setOpened = useReportStore((s) => s.setOpened);
  const [name, setName] = useState(opened?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (asNew: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await invoke('reports.save', {
        ...(opened && !asNew ? { id: opened.id, version: opened.version } : {}),
        name,
        definition,
      });
      setOpened({ id: saved.id, name: saved.name, version: saved.version });
      toast.success(`Saved “${saved.name}”`);
      onSaved();
    } catch (e) {
      setError(e instanceof AppError && e.fields?.name ? e.fields.name : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  return (
    <form className="save-report" onSubmit={submit} noValidate>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-name`}>Report name</label>
        <div className="save-row">
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            maxLength={120}
            placeholder="e.g. Monthly billing by customer"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <GuardedButton action="reports.write" type="submit" className="btn" disabled={busy}>{opened ? 'Save changes' : 'Save report'}</GuardedButton>
          {opened && (
            <GuardedButton action="reports.write" className="btn" disabled={busy} onClick={() => void save(true)}>Save as new</GuardedButton>
          )}
        </div>
        {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      </div>
    </form>
  );
}
