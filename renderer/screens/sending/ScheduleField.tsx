// Send now, or at a chosen time (in the future, in this computer's time zone).
import { useId } from 'react';
import { describe } from '../../components/Field';
import { toLocalInput } from './sendForm';

export type When = 'now' | 'later';

interface ScheduleFieldProps {
  when: When;
  onWhen: (when: When) => void;
  sendAt: string;
  onSendAt: (value: string) => void;
  now: number;
  error?: string | undefined;
}

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function ScheduleField({ when, onWhen, sendAt, onSendAt, now, error }: ScheduleFieldProps) {
  const name = useId();
  const inputId = `${name}-at`;
  const hint = `In this computer’s time zone (${zone}). If Billbook is closed at that time, it goes when Billbook next starts.`;
  return (
    <fieldset className="send-when">
      <legend>When</legend>
      <div className="send-when-options">
        <label className="radio">
          <input type="radio" name={name} checked={when === 'now'} onChange={() => onWhen('now')} />
          Send now
        </label>
        <label className="radio">
          <input type="radio" name={name} checked={when === 'later'} onChange={() => onWhen('later')} />
          Schedule
        </label>
      </div>
      {when === 'later' && (
        <div className={`field send-at${error ? ' field-invalid' : ''}`}>
          <label htmlFor={inputId}>Send at</label>
          <input
            {...describe(inputId, error, hint)}
            type="datetime-local"
            value={sendAt}
            min={toLocalInput(new Date(now))}
            step={60}
            onChange={(e) => onSendAt(e.target.value)}
          />
          <p id={`${inputId}-hint`} className="field-hint">{hint}</p>
          {error && <p id={`${inputId}-error`} className="field-error">{error}</p>}
        </div>
      )}
    </fieldset>
  );
}
