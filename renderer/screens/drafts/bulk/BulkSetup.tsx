// Choosing the customers, the sentence template and the issue date, with a preview, then "Create N drafts".
import { useState } from 'react';
import { invoke } from '../../../api';
import type { BulkDraftResult } from '../../../../shared/domain/drafting';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../../lib/format';
import { MOD_KEY } from '../../../lib/modKey';
import { todayLocal } from '../../../lib/clock';
import { BulkPreview } from './BulkPreview';
import { CustomerChecklist, type Selection } from './CustomerChecklist';
import { TemplateInput } from './TemplateInput';
import { DateInput } from '../../../components/DateInput';
import { GuardedButton } from '../../../components/Guarded';

export function BulkSetup({ onCreated }: { onCreated: (result: BulkDraftResult) => void }) {
  const [selected, setSelected] = useState<Selection>(new Map());
  const [template, setTemplate] = useState('');
  const [issueDate, setIssueDate] = useState(todayLocal);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const count = selected.size;
  const first = selected.keys().next().value ?? null;

  const create = async () => {
    if (busy) return;
    const own: Record<string, string> = {};
    if (count === 0) own.customerIds = 'Tick at least one customer';
    if (template.trim().length < 3) own.template = 'Write the sentence each draft is made from, e.g. “Monthly retainer for {month} at 20,000”';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) own.issueDate = 'Pick an issue date';
    setErrors(own);
    if (Object.keys(own).length > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      onCreated(await invoke('drafting.bulk', { customerIds: [...selected.keys()], template: template.trim(), issueDate }));
    } catch (e) {
      if (e instanceof AppError && e.fields) setErrors(Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k.split('.')[0]!, v])));
      setProblem(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <div className="bulk-setup">
      <CustomerChecklist
        selected={selected}
        onChange={(next) => {
          setSelected(next);
          setErrors(({ customerIds: _gone, ...rest }) => rest);
        }}
        error={errors.customerIds}
      />
      <div className="bulk-right">
        <section className="form-section bulk-sentence" aria-labelledby="bulk-sentence-title">
          <h2 id="bulk-sentence-title">One sentence for every draft</h2>
          <TemplateInput
            value={template}
            onChange={(v) => {
              setTemplate(v);
              setErrors(({ template: _gone, ...rest }) => rest);
            }}
            onSubmit={() => void create()}
            error={errors.template}
          />
          <div className={`field bulk-date${errors.issueDate ? ' field-invalid' : ''}`}>
            <label htmlFor="bulk-issue-date">Issue date</label>
            <DateInput label="Issue date"
              id="bulk-issue-date"
              
              value={issueDate}
              aria-invalid={errors.issueDate ? true : undefined}
              aria-describedby={errors.issueDate ? 'bulk-issue-date-error' : undefined}
              onValue={(value) => {
                setIssueDate(value);
                setErrors(({ issueDate: _gone, ...rest }) => rest);
              }}
            />
            {errors.issueDate && <p id="bulk-issue-date-error" className="field-error">{errors.issueDate}</p>}
          </div>
          <BulkPreview customerId={first} template={template} issueDate={issueDate} />
        </section>
        {problem && (
          <div className="notice notice-error" role="alert">
            <p className="notice-title">No drafts were made</p>
            <p>{problem}</p>
          </div>
        )}
        <div className="form-actions bulk-actions">
          <GuardedButton action="drafts.write" className="btn btn-primary" disabled={busy} onClick={() => void create()}>
            {busy ? 'Creating…' : count === 1 ? 'Create 1 draft' : `Create ${count} drafts`}
          </GuardedButton>
          <span className="muted">
            Each is drafted offline at once, then refined by AI on the queue. <kbd>{MOD_KEY}</kbd>+<kbd>Enter</kbd> in the sentence creates them.
          </span>
        </div>
      </div>
    </div>
  );
}
