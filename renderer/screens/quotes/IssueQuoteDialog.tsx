// "Issue quote": the quote takes the next number of its series and an expiry date (30 days unless
// changed), optionally as a pro-forma invoice; from then on it never changes.
import { useId, useState } from 'react';
import { invoke } from '../../api';
import type { Invoice } from '../../../shared/domain/invoice';
import { DEFAULT_QUOTE_VALID_DAYS, type Quote } from '../../../shared/domain/quote';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { Dialog } from '../../components/Dialog';
import { DateInput } from '../../components/DateInput';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field, describe } from '../../components/Field';
import { errorMessage, formatDate } from '../../lib/format';

function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

interface IssueQuoteDialogProps {
  draft: Invoice;
  onClose: () => void;
  onIssued: (quote: Quote) => void;
  onRefused: (message: string, fields: Record<string, string> | undefined) => void;
}

export function IssueQuoteDialog({ draft, onClose, onIssued, onRefused }: IssueQuoteDialogProps) {
  const id = useId();
  const [expiry, setExpiry] = useState(() => addDays(draft.issueDate, DEFAULT_QUOTE_VALID_DAYS));
  const [proforma, setProforma] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; field?: string } | null>(null);

  const issue = async () => {
    if (busy) return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expiry)) {
      setProblem({ message: 'Enter the last day the quote is valid, like 31/12/2026', field: 'expiryDate' });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onIssued(await invoke('quotes.issue', { id: draft.id, version: draft.draft.version, expiryDate: expiry, proforma }));
    } catch (e) {
      const fields = e instanceof AppError ? e.fields : undefined;
      if (!fields?.expiryDate) onRefused(errorMessage(e), fields);
      setProblem({ message: errorMessage(e), ...(fields?.expiryDate ? { field: 'expiryDate' } : {}) });
      setBusy(false);
    }
  };
  const expiryError = problem?.field === 'expiryDate' ? problem.message : undefined;

  return (
    <Dialog
      title="Issue quote"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void issue()}>
            {busy ? 'Issuing…' : proforma ? 'Issue pro-forma invoice' : 'Issue quote'}
          </button>
        </>
      }
    >
      {problem && !problem.field && <ErrorNotice title="Not issued" message={problem.message} />}
      <dl className="finalize-facts">
        <div>
          <dt>Customer</dt>
          <dd>{draft.customer.name} <span className="code">{draft.customer.code}</span></dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd className="finalize-total">{formatMoney(draft.totals.totalMinor, draft.currency)}</dd>
        </div>
        <div>
          <dt>Quote date</dt>
          <dd>{formatDate(draft.issueDate)}</dd>
        </div>
      </dl>
      <Field id={`${id}-expiry`} label="Valid until" error={expiryError} hint="After this day the quote shows as expired.">
        <DateInput label="Valid until" value={expiry} min={draft.issueDate} onValue={setExpiry} {...describe(`${id}-expiry`, expiryError, 'After this day the quote shows as expired.')} />
      </Field>
      <label className="checkbox-row">
        <input type="checkbox" checked={proforma} onChange={(e) => setProforma(e.target.checked)} />
        <span>Pro-forma invoice (printed as “PRO-FORMA INVOICE”, for a customer who pays before delivery)</span>
      </label>
      <p className="finalize-warning">The quote takes the next QUO number and cannot be edited afterwards. Convert it to an invoice when the customer accepts.</p>
    </Dialog>
  );
}
