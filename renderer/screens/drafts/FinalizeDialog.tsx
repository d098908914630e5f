// "Finalize invoice": shows the number it will take, who, how much and when due, then finalizes.
import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import { zeroTotalMessage, type Invoice } from '../../../shared/domain/invoice';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage, formatDate } from '../../lib/format';

interface FinalizeDialogProps {
  /** The draft as last saved: what the person confirms is what the backend holds. */
  invoice: Invoice;
  onClose: () => void;
  onFinalized: (invoice: Invoice) => void;
  /** A backend refusal (no lines, a line without a description…): shown in the editor too, by field. */
  onRefused: (message: string, fields: Record<string, string> | undefined) => void;
  /** The draft moved on since it was confirmed: saved again, or finalized elsewhere. */
  onConflict: () => void;
}

/**
 * Whether a refusal came from the draft itself having moved on. A conflict also means "the customer
 * is archived" or "now billed in another currency"; only a newer version or a finalized invoice is
 * fixed by reloading, so ask the backend what it holds now.
 */
async function draftMovedOn(invoice: Invoice): Promise<boolean> {
  try {
    const now = await invoke('invoices.get', { id: invoice.id });
    return now.status !== 'draft' || now.draft.version !== invoice.draft.version;
  } catch {
    return false;
  }
}

type NumberState = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; number: string };

export function FinalizeDialog({ invoice, onClose, onFinalized, onRefused, onConflict }: FinalizeDialogProps) {
  const [next, setNext] = useState<NumberState>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; conflict: boolean } | null>(null);

  useEffect(() => {
    let live = true;
    invoke('invoices.nextNumber', { id: invoice.id }).then(
      ({ number }) => {
        if (live) setNext({ state: 'ready', number });
      },
      (e: unknown) => {
        if (live) setNext({ state: 'failed', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [invoice.id]);

  const finalize = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const done = await invoke('invoices.finalize', { id: invoice.id, version: invoice.draft.version });
      onFinalized(done);
    } catch (e) {
      const conflict = e instanceof AppError && e.code === 'conflict' && (await draftMovedOn(invoice));
      if (!conflict) onRefused(errorMessage(e), e instanceof AppError ? e.fields : undefined);
      setProblem({ message: errorMessage(e), conflict });
      setBusy(false);
    }
  };

  const number = next.state === 'ready' ? next.number : null;
  const due = `${formatDate(invoice.dueDate)} (${invoice.terms})`;
  // Refused before anyone clicks: a zero invoice would use up a number (the backend refuses it too).
  const zero = invoice.totals.totalMinor === 0;

  return (
    <Dialog
      title="Finalize invoice"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>{zero ? 'Back to the draft' : 'Cancel'}</button>
          {!zero && (
            <button type="button" className="btn btn-primary" disabled={!number || busy} onClick={() => void finalize()}>
              {busy ? 'Finalizing…' : number ? `Finalize as ${number}` : 'Finalize'}
            </button>
          )}
        </>
      }
    >
      {problem && (
        <ErrorNotice title={problem.conflict ? 'This draft changed since you opened it' : 'Not finalized'} message={problem.message}>
          {problem.conflict && <button type="button" className="btn" onClick={onConflict}>Reload</button>}
        </ErrorNotice>
      )}
      {zero && <ErrorNotice title="Nothing to bill" message={zeroTotalMessage(invoice.currency)} />}
      {next.state === 'failed' && <ErrorNotice title="The next invoice number could not be read" message={next.message} />}
      <dl className="finalize-facts">
        <div>
          <dt>Invoice number</dt>
          <dd className="finalize-number">{zero ? 'None: not finalized' : number ?? (next.state === 'loading' ? 'Finding the next number…' : '—')}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{invoice.customer.name} <span className="code">{invoice.customer.code}</span></dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd className="finalize-total">{formatMoney(invoice.totals.totalMinor, invoice.currency)}</dd>
        </div>
        <div>
          <dt>Issue date</dt>
          <dd>{formatDate(invoice.issueDate)}</dd>
        </div>
        <div>
          <dt>Due date</dt>
          <dd>{due}</dd>
        </div>
      </dl>
      <p className="finalize-warning">
        A finalized invoice cannot be edited. To correct it later, you issue a credit note.
      </p>
    </Dialog>
  );
}
