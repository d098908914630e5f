// The report builder: which rows, which of them (filters), grouped how, measured how -> Run.
import { useId, type FormEvent } from 'react';
import { invoke } from '../../../api';
import { REPORT_MEASURES, REPORT_ROWS, type ReportGroup, type ReportRowKind } from '../../../../shared/domain/analytics';
import { CURRENCIES, type CurrencyCode } from '../../../../shared/money';
import { describe, Field } from '../../../components/Field';
import { MoneyInput } from '../../../components/MoneyInput';
import { useRemote } from '../../../lib/useRemote';
import { AMOUNT_OF, DATE_OF, GROUP_LABELS, groupOptions, MEASURE_LABELS, ROW_LABELS, statusOptions, withRows, type FormProblems } from '../reportForm';
import { useReportStore } from '../reportStore';
import { CheckGroup } from './CheckGroup';
import { CustomerChecklist } from './CustomerChecklist';
import { DateInput } from '../../../components/DateInput';

interface Props {
  problems: FormProblems;
  running: boolean;
  onRun: () => void;
  onReset: () => void;
}

export function BuilderForm({ problems, running, onRun, onReset }: Props) {
  const id = useId();
  const form = useReportStore((s) => s.form);
  const setForm = useReportStore((s) => s.setForm);
  const tags = useRemote(() => invoke('customers.tags', {}), 'tags');
  const groups = groupOptions(form.rows);
  const amountCurrency: CurrencyCode = form.currency || 'KES';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRun();
  };
  const setGroup = (at: 0 | 1, value: ReportGroup | '') => {
    const next: [ReportGroup | '', ReportGroup | ''] = [form.groupBy[0], form.groupBy[1]];
    next[at] = value;
    // "Then by" without a first grouping moves up.
    if (!next[0] && next[1]) setForm({ groupBy: [next[1], ''] });
    else setForm({ groupBy: next });
  };

  return (
    <form className="report-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Build a report</h2>
      <div className="report-grid">
        <Field id={`${id}-rows`} label="Rows">
          <select id={`${id}-rows`} value={form.rows} onChange={(e) => useReportStore.setState((s) => ({ form: withRows(s.form, e.target.value as ReportRowKind) }))}>
            {REPORT_ROWS.map((r) => <option key={r} value={r}>{ROW_LABELS[r]}</option>)}
          </select>
        </Field>
        <Field id={`${id}-from`} label={`${DATE_OF[form.rows]} from`} error={problems.from}>
          <DateInput label="From"  value={form.from} onValue={(value) => setForm({ from: value })} {...describe(`${id}-from`, problems.from)} />
        </Field>
        <Field id={`${id}-to`} label={`${DATE_OF[form.rows]} to`} error={problems.to}>
          <DateInput label="To"  value={form.to} onValue={(value) => setForm({ to: value })} {...describe(`${id}-to`, problems.to)} />
        </Field>
        <Field id={`${id}-currency`} label="Currency">
          <select
            id={`${id}-currency`}
            value={form.currency}
            // Amounts typed for one currency mean nothing in another: they are cleared with it.
            onChange={(e) => setForm({ currency: e.target.value as CurrencyCode | '', minAmount: '', maxAmount: '' })}
          >
            <option value="">Every currency</option>
            {CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </Field>
        <Field id={`${id}-group1`} label="Group by" error={problems.groupBy}>
          <select id={`${id}-group1`} value={form.groupBy[0]} onChange={(e) => setGroup(0, e.target.value as ReportGroup | '')}>
            <option value="">Nothing (one row each)</option>
            {groups.map((g) => <option key={g} value={g}>{GROUP_LABELS[g]}</option>)}
          </select>
        </Field>
        <Field id={`${id}-group2`} label="Then by">
          <select id={`${id}-group2`} value={form.groupBy[1]} disabled={!form.groupBy[0]} onChange={(e) => setGroup(1, e.target.value as ReportGroup | '')}>
            <option value="">Nothing</option>
            {groups.filter((g) => g !== form.groupBy[0]).map((g) => <option key={g} value={g}>{GROUP_LABELS[g]}</option>)}
          </select>
        </Field>
        <Field
          id={`${id}-min`}
          label="Smallest amount"
          error={problems.minAmount}
          hint={form.currency ? `The ${AMOUNT_OF[form.rows]}` : 'Choose a currency to filter by amount'}
        >
          <MoneyInput currency={amountCurrency} value={form.minAmount} disabled={!form.currency} onChange={(minAmount) => setForm({ minAmount })} {...describe(`${id}-min`, problems.minAmount, 'hint')} />
        </Field>
        <Field id={`${id}-max`} label="Largest amount" error={problems.maxAmount}>
          <MoneyInput currency={amountCurrency} value={form.maxAmount} disabled={!form.currency} onChange={(maxAmount) => setForm({ maxAmount })} {...describe(`${id}-max`, problems.maxAmount)} />
        </Field>
      </div>
      <div className="report-checks">
        <CheckGroup
          legend="Status"
          options={statusOptions(form.rows)}
          chosen={form.statuses}
          onChange={(statuses) => setForm({ statuses })}
          hint={form.rows === 'invoices' ? 'None ticked: open, partially paid and paid.' : form.rows === 'payments' ? 'None ticked: completed.' : 'None ticked: every status.'}
        />
        <CheckGroup
          legend="Measures"
          options={REPORT_MEASURES.map((m) => ({ value: m, label: MEASURE_LABELS[m] }))}
          chosen={form.measures}
          onChange={(measures) => setForm({ measures })}
          hint={`Over the ${AMOUNT_OF[form.rows]}, per group and per currency.`}
          error={problems.measures}
        />
        <CheckGroup
          legend="Customer tags"
          options={(tags.state === 'ready' ? tags.value : []).map((t) => ({ value: t, label: t }))}
          chosen={form.tags}
          onChange={(chosenTags) => setForm({ tags: chosenTags })}
          hint={tags.state === 'ready' && tags.value.length === 0 ? 'No customer has tags yet.' : 'None ticked: any tags. Ticked: customers with at least one of them.'}
        />
        <CustomerChecklist chosen={form.customerIds} onChange={(customerIds) => setForm({ customerIds })} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={running} aria-keyshortcuts="R">
          {running ? 'Running…' : 'Run report'}
        </button>
        <button type="button" className="btn" onClick={onReset}>Start over</button>
        <span className="muted form-keys">
          <kbd>R</kbd> runs the report
        </span>
      </div>
    </form>
  );
}
