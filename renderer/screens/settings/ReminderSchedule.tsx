// The reminder schedule: one chip per day (with Remove) and a row to add a day before or after the
// due date. At most 10, never the same day twice, always in date order.
import { useEffect, useRef, useState } from 'react';
import { MAX_REMINDERS, offsetLabel, offsetToAdd, type Direction } from './reminderOffsets';

interface ReminderScheduleProps {
  offsets: number[];
  onChange: (offsets: number[]) => void;
  /** The backend's complaint about the schedule, if any. */
  error?: string | undefined;
}

const ID = 'settings-reminder';

export function ReminderSchedule({ offsets, onChange, error }: ReminderScheduleProps) {
  const [days, setDays] = useState('');
  const [direction, setDirection] = useState<Direction>('after');
  const [addError, setAddError] = useState<string | undefined>();
  const daysRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** After a removal, the chip whose Remove button takes focus (by position), or -1 for the Days box. */
  const focusAt = useRef<number | null>(null);
  const full = offsets.length >= MAX_REMINDERS;

  useEffect(() => {
    const at = focusAt.current;
    if (at === null) return;
    focusAt.current = null;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    const target = at >= 0 ? buttons[Math.min(at, buttons.length - 1)] : undefined;
    (target ?? daysRef.current)?.focus();
  }, [offsets]);

  const add = () => {
    const next = offsetToAdd(days, direction, offsets);
    if ('error' in next) {
      setAddError(next.error);
      return;
    }
    onChange([...offsets, next.offset].sort((a, b) => a - b));
    setDays('');
    setAddError(undefined);
  };

  const remove = (index: number) => {
    const next = offsets.filter((_, i) => i !== index);
    onChange(next);
    setAddError(undefined);
    focusAt.current = next.length === 0 ? -1 : index;
  };

  const shownError = addError ?? error;
  return (
    <fieldset className={`reminder-schedule${shownError ? ' field-invalid' : ''}`} aria-describedby={`${ID}-schedule-hint`}>
      <legend>Schedule</legend>
      <p id={`${ID}-schedule-hint`} className="field-hint">
        Days counted from each invoice’s due date. Up to {MAX_REMINDERS} reminders; {offsets.length} set.
      </p>
      {offsets.length > 0 ? (
        <ul ref={listRef} className="offset-chips" aria-label="Reminder days">
          {offsets.map((offset, i) => (
            <li key={offset} className={`offset-chip${offset < 0 ? ' offset-chip-before' : offset === 0 ? ' offset-chip-due' : ' offset-chip-after'}`}>
              <span>{offsetLabel(offset)}</span>
              <button type="button" className="offset-chip-remove" aria-label={`Remove “${offsetLabel(offset)}”`} onClick={() => remove(i)} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="offset-chips-empty">No reminders scheduled: add a day below.</p>
      )}

      <div className="reminder-add" role="group" aria-labelledby={`${ID}-add-title`}>
        <span id={`${ID}-add-title`} className="reminder-add-title">Add a reminder</span>
        <div className="reminder-add-field">
          <label htmlFor={`${ID}-days`}>Days</label>
          <input
            ref={daysRef}
            id={`${ID}-days`}
            type="number"
            min={0}
            max={365}
            step={1}
            value={days}
            disabled={full}
            aria-invalid={addError ? true : undefined}
            aria-describedby={shownError ? `${ID}-add-error` : full ? `${ID}-full` : undefined}
            onChange={(e) => {
              setDays(e.target.value);
              setAddError(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              // Enter adds the day; it does not save the section.
              e.preventDefault();
              add();
            }}
          />
        </div>
        <div className="reminder-add-field">
          <label htmlFor={`${ID}-direction`}>Before or after the due date</label>
          <select id={`${ID}-direction`} value={direction} disabled={full} onChange={(e) => setDirection(e.target.value as Direction)}>
            <option value="before">days before the due date</option>
            <option value="after">days after the due date (overdue)</option>
          </select>
        </div>
        <button type="button" className="btn" disabled={full} onClick={add}>Add reminder</button>
      </div>
      {full && <p id={`${ID}-full`} className="field-hint">That is the most reminders: remove one to add another.</p>}
      {shownError && <p id={`${ID}-add-error`} className="field-error" role="alert">{shownError}</p>}
      <p className="field-hint">Type 0 for a reminder on the due day itself.</p>
    </fieldset>
  );
}
