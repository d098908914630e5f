// "Make this a schedule": a suggestion's or an invoice's lines billed on a cadence. The next six
// dates and the first line as each will read are shown as the fields change.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { InvoiceLineInput } from '../../../shared/domain/invoice';
import {
  periodsAfter, RECURRING_ACTION_LABELS, RECURRING_ACTIONS, RECURRING_CADENCE_LABELS, RECURRING_CADENCES, type RecurringAction, type RecurringCadence,
  type RecurringSchedule,
} from '../../../shared/domain/recurring';
import type { Discount } from '../../../shared/totals';
import type { CurrencyCode } from '../../../shared/money';
import { Dialog } from '../../components/Dialog';
import { DateInput } from '../../components/DateInput';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { errorMessage, formatDate, money } from '../../lib/format';
import { toast } from '../../stores/toasts';
import './recurring.css';

export interface ScheduleSeed {
  customerId: string;
  customerName: string;
  currency: CurrencyCode;
  lines: InvoiceLineInput[];
  pricesIncludeTax: boolean;
  discount: Discount;
  /** The first date to bill, and the day the lines' words speak of. */
  startDate: string;
  /** The day the lines' words speak of, when not the start date (an invoice of last month). */
  baseDate?: string;
  cadence: RecurringCadence;
  totalMinor: number;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
type Ends = 'never' | 'date' | 'count';

export function ScheduleDialog({ seed, onClose, onCreated }: { seed: ScheduleSeed; onClose: () => void; onCreated?: (s: RecurringSchedule) => void }) {
  const id = useId();
  const formId = `${id}-form`;
  const [name, setName] = useState('');
  const [cadence, setCadence] = useState<RecurringCadence>(seed.cadence);
  const [startDate, setStartDate] = useState(seed.startDate);
  const [day, setDay] = useState(String(Number(seed.startDate.slice(8, 10))));
  const [ends, setEnds] = useState<Ends>('never');
  const [endDate, setEndDate] = useState('');
  const [count, setCount] = useState('12');
  const [action, setAction] = useState<RecurringAction>('draft');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const dayNumber = Number(day);
  const problems: Record<string, string> = {};
  if (!ISO.test(startDate)) problems.startDate = 'Enter the first date, like 05/12/2026';
  if (cadence !== 'weekly' && !(Number.isInteger(dayNumber) && dayNumber >= 1 && dayNumber <= 31)) problems.day = 'A day from 1 to 31';
  if (ends === 'date' && (!ISO.test(endDate) || endDate < startDate)) problems.endDate = 'A date on or after the start';
  if (ends === 'count' && !/^\d{1,4}$/.test(count)) problems.count = 'A whole number of invoices';
  const valid = Object.keys(problems).length === 0;

  const preview = useMemo(() => {
    if (!valid) return [];
    return periodsAfter({
      cadence, startDate, dayOfMonth: cadence === 'weekly' ? null : dayNumber, endDate: ends === 'date' ? endDate : null,
      maxCount: ends === 'count' ? Number(count) : null,
    }, '0000-00-00', 6);
  }, [valid, cadence, startDate, dayNumber, ends, endDate, count]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !valid) return;
    setBusy(true);
    setFailure(null);
    try {
      const created = await invoke('recurring.create', {
        customerId: seed.customerId, name, cadence, startDate, baseDate: seed.baseDate ?? seed.startDate,
        ...(cadence === 'weekly' ? {} : { dayOfMonth: dayNumber }),
        endDate: ends === 'date' ? endDate : null, maxCount: ends === 'count' ? Number(count) : null, action,
        content: { kind: 'lines', currency: seed.currency, pricesIncludeTax: seed.pricesIncludeTax, discount: seed.discount, lines: seed.lines },
      });
      toast.success(`Schedule “${created.name}” created: next on ${formatDate(created.preview[0]?.on ?? created.startDate)}`);
      onCreated?.(created);
      onClose();
    } catch (e) {
      setFailure(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Make this a schedule"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy || !valid}>{busy ? 'Creating…' : 'Create schedule'}</button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="schedule-form">
        <p className="muted">
          {seed.customerName} · {seed.lines.length === 1 ? '1 line' : `${seed.lines.length} lines`} · {money(seed.totalMinor, seed.currency)} each time
        </p>
        <div className="schedule-grid">
          <Field id={`${id}-name`} label="Name (optional)" className="field-wide">
            <input id={`${id}-name`} type="text" value={name} maxLength={120} placeholder={seed.lines[0]?.description ?? ''} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field id={`${id}-cadence`} label="Every">
            <select id={`${id}-cadence`} value={cadence} onChange={(e) => setCadence(e.target.value as RecurringCadence)}>
              {RECURRING_CADENCES.map((c) => <option key={c} value={c}>{RECURRING_CADENCE_LABELS[c]}</option>)}
            </select>
          </Field>
          {cadence !== 'weekly' && (
            <Field id={`${id}-day`} label="On day of the month" error={problems.day} hint="31 bills on the last day of shorter months">
              <input id={`${id}-day`} type="text" inputMode="numeric" value={day} onChange={(e) => setDay(e.target.value)} aria-invalid={problems.day ? true : undefined} />
            </Field>
          )}
          <Field id={`${id}-start`} label="Starting" error={problems.startDate}>
            <DateInput id={`${id}-start`} label="First date" value={startDate} onValue={setStartDate} />
          </Field>
          <Field id={`${id}-ends`} label="Ends">
            <select id={`${id}-ends`} value={ends} onChange={(e) => setEnds(e.target.value as Ends)}>
              <option value="never">Never</option>
              <option value="date">On a date</option>
              <option value="count">After a number of invoices</option>
            </select>
          </Field>
          {ends === 'date' && (
            <Field id={`${id}-end`} label="Last date" error={problems.endDate}>
              <DateInput id={`${id}-end`} label="Last date" value={endDate} onValue={setEndDate} />
            </Field>
          )}
          {ends === 'count' && (
            <Field id={`${id}-count`} label="Number of invoices" error={problems.count}>
              <input id={`${id}-count`} type="text" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
            </Field>
          )}
        </div>
        <fieldset className="schedule-action">
          <legend>Each time</legend>
          {RECURRING_ACTIONS.map((a) => (
            <label key={a}><input type="radio" name={`${id}-action`} checked={action === a} onChange={() => setAction(a)} /> {RECURRING_ACTION_LABELS[a]}</label>
          ))}
          <p className="field-hint">Periods missed while Billbook was closed are always made as drafts for you to review first.</p>
        </fieldset>
        <section aria-labelledby={`${id}-preview`} className="schedule-preview">
          <h3 id={`${id}-preview`}>Next six</h3>
          {preview.length === 0 ? <p className="muted">Fix the dates to see the invoices it will make.</p> : (
            <ol aria-label="Next six invoices">{preview.map((p) => <li key={p.key}>{formatDate(p.on)}</li>)}</ol>
          )}
        </section>
        {failure && <ErrorNotice title="The schedule was not created" message={failure} />}
      </form>
    </Dialog>
  );
}
