// A day's takings per method: what should be in the M-Pesa till, the cash box and the bank at
// closing time. Today by default; any day can be picked.
import { useId, useState } from 'react';
import { invoke } from '../../api';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/invoice';
import { DateInput } from '../../components/DateInput';
import { ErrorNotice } from '../../components/ErrorNotice';
import { todayLocal } from '../../lib/clock';
import { formatDate, money, plural } from '../../lib/format';
import { useRemote } from '../../lib/useRemote';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function DayTakings({ refresh }: { refresh: number }) {
  const id = useId();
  const [day, setDay] = useState(todayLocal());
  const valid = ISO.test(day);
  const takings = useRemote(() => (valid ? invoke('payments.dayTotals', { date: day }) : Promise.resolve(null)), `${day}|${refresh}`);
  const value = takings.state === 'ready' ? takings.value : null;
  const mpesa = value?.rows.filter((r) => r.method === 'mpesa') ?? [];
  return (
    <section className="takings" aria-labelledby={`${id}-title`}>
      <div className="takings-head">
        <h2 id={`${id}-title`}>Takings on {valid ? formatDate(day) : 'the day you pick'}</h2>
        <div className="inline-field">
          <label htmlFor={`${id}-day`}>Day</label>
          <DateInput id={`${id}-day`} label="Day" value={day} onValue={setDay} aria-invalid={valid ? undefined : true} aria-describedby={valid ? undefined : `${id}-day-error`} />
          {day !== todayLocal() && <button type="button" className="btn btn-small" onClick={() => setDay(todayLocal())}>Today</button>}
        </div>
      </div>
      {!valid && <p id={`${id}-day-error`} className="field-error">Enter a day as day/month/year, like 18/11/2026</p>}
      {takings.state === 'failed' && <ErrorNotice title="The day’s takings could not be loaded" message={takings.message} />}
      {value && (
        <dl className="stats takings-stats">
          <div className="stat stat-mpesa" role="group" aria-labelledby={`${id}-mpesa`}>
            <dt id={`${id}-mpesa`} className="stat-label">M-Pesa</dt>
            <dd className="stat-value stat-money">
              {mpesa.length === 0 ? <span>{money(0, 'KES')}</span> : mpesa.map((r) => <span key={r.currency}>{money(r.amountMinor, r.currency)}</span>)}
            </dd>
            <dd className="stat-hint">{plural(mpesa.reduce((a, r) => a + r.count, 0), 'payment')}: the till at closing time</dd>
          </div>
          {value.rows.filter((r) => r.method !== 'mpesa').map((r) => (
            <div key={`${r.method}-${r.currency}`} className="stat" role="group" aria-labelledby={`${id}-${r.method}-${r.currency}`}>
              <dt id={`${id}-${r.method}-${r.currency}`} className="stat-label">{PAYMENT_METHOD_LABELS[r.method]}</dt>
              <dd className="stat-value">{money(r.amountMinor, r.currency)}</dd>
              <dd className="stat-hint">{plural(r.count, 'payment')}</dd>
            </div>
          ))}
          <div className="stat stat-total" role="group" aria-labelledby={`${id}-total`}>
            <dt id={`${id}-total`} className="stat-label">All methods</dt>
            <dd className="stat-value stat-money">
              {value.totals.length === 0 ? <span>{money(0, 'KES')}</span> : value.totals.map((t) => <span key={t.currency}>{money(t.amountMinor, t.currency)}</span>)}
            </dd>
            <dd className="stat-hint">{plural(value.totals.reduce((a, t) => a + t.count, 0), 'payment')}, reversed ones left out</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
