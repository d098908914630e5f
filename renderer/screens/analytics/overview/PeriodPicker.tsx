import { useId, useState } from 'react';
import { PERIOD_PRESETS, PERIOD_PRESET_LABELS, type PeriodPreset, type ResolvedPeriod } from '../../../../shared/domain/analytics';
import { useAnalyticsStore } from '../analyticsStore';
import { todayLocal } from '../../../lib/clock';
import { DateInput } from '../../../components/DateInput';

const DATE = /^\d{4}-\d{2}-\d{2}$/;


/** What is wrong with a custom range as typed, or null when it can be sent. */
function rangeProblem(from: string, to: string, today: string | undefined): string | null {
  if (!DATE.test(from)) return 'Choose the first day';
  if (!DATE.test(to)) return 'Choose the last day';
  if (from > to) return 'The last day is before the first day';
  if (today && from > today) return 'The period starts after today; the books hold nothing for it yet';
  return null;
}

interface PeriodPickerProps {
  /** The period the figures on screen are for, once they have loaded. */
  resolved: ResolvedPeriod | undefined;
  today: string | undefined;
}

/**
 * The dashboard's period: a preset, or a custom first and last day. A preset applies at once; a custom
 * range applies as soon as both days make a valid range, so there is no Apply button to forget.
 */
export function PeriodPicker({ resolved, today }: PeriodPickerProps) {
  const id = useId();
  const period = useAnalyticsStore((s) => s.period);
  const setPeriod = useAnalyticsStore((s) => s.setPeriod);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);

  const choosePreset = (preset: PeriodPreset) => {
    if (preset !== 'custom') {
      setPeriod({ preset, from: '', to: '' });
      return;
    }
    // Custom starts from the days on screen, so a person adjusts a range rather than building one
    // (before the first figures arrive: this month so far, by this computer's calendar).
    const start = resolved?.from ?? `${todayLocal().slice(0, 8)}01`;
    const end = resolved?.to ?? todayLocal();
    setFrom(start);
    setTo(end);
    setPeriod({ preset: 'custom', from: start, to: end });
  };

  const problem = period.preset === 'custom' ? rangeProblem(from, to, today) : null;
  const changeDay = (nextFrom: string, nextTo: string) => {
    setFrom(nextFrom);
    setTo(nextTo);
    if (!rangeProblem(nextFrom, nextTo, today)) setPeriod({ preset: 'custom', from: nextFrom, to: nextTo });
  };

  return (
    <div className="period-picker">
      <div className="inline-field">
        <label htmlFor={`${id}-preset`}>Period</label>
        <select
          id={`${id}-preset`}
          value={period.preset}
          aria-keyshortcuts="[ ]"
          onChange={(e) => choosePreset(e.target.value as PeriodPreset)}
        >
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>{PERIOD_PRESET_LABELS[p]}</option>
          ))}
        </select>
      </div>
      {period.preset === 'custom' && (
        <div className="period-custom">
          <div className="inline-field">
            <label htmlFor={`${id}-from`}>From</label>
            <DateInput label="From"
              id={`${id}-from`}
              
              value={from}
              max={today}
              aria-invalid={problem !== null && problem !== 'The last day is before the first day' ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onValue={(value) => changeDay(value, to)}
            />
          </div>
          <div className="inline-field">
            <label htmlFor={`${id}-to`}>To</label>
            <DateInput label="To"
              id={`${id}-to`}
              
              value={to}
              max={today}
              aria-invalid={problem === 'The last day is before the first day' || problem === 'Choose the last day' ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onValue={(value) => changeDay(from, value)}
            />
          </div>
          {problem && <p id={`${id}-problem`} className="field-error">{problem}</p>}
        </div>
      )}
    </div>
  );
}
