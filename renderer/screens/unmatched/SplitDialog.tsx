// Split money received over a customer's unpaid invoices: amounts proposed oldest first, each one
// editable; whatever is not placed is kept as the customer's credit.
import { useEffect, useId, useState } from 'react';
import { invoke } from '../../api';
import type { IncomingView, MoneyInSuggestion } from '../../../shared/channels/statementImport';
import { MAX_AMOUNT_MINOR, parseMoney, type CurrencyCode } from '../../../shared/money';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { MoneyInput, moneyText } from '../../components/MoneyInput';
import { errorMessage, money } from '../../lib/format';

interface Row { invoiceId: string; invoiceNumber: string; balanceMinor: number; text: string }

export function SplitDialog({ payment, to, onDone, onClose }: { payment: IncomingView; to: MoneyInSuggestion; onDone: (message: string) => void; onClose: () => void }) {
  const id = useId();
  const currency = payment.currency as CurrencyCode;
  const [rows, setRows] = useState<Row[] | null>(null);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // Every unpaid invoice of theirs, the proposal filled in oldest first.
    void invoke('payments.proposeAllocation', { customerId: to.customerId, amountMinor: MAX_AMOUNT_MINOR }).then(
      (all) => {
        let left = payment.amountMinor;
        setRows(all.allocations.map((a) => {
          const take = Math.min(left, a.balanceMinor);
          left -= take;
          return { invoiceId: a.invoiceId, invoiceNumber: a.invoiceNumber, balanceMinor: a.balanceMinor, text: take > 0 ? moneyText(take, currency) : '' };
        }));
      },
      (e: unknown) => setFailure(errorMessage(e)),
    );
  }, [to.customerId, payment.amountMinor, currency]);
  const amounts = (rows ?? []).map((r) => (r.text.trim() === '' ? 0 : parseMoney(r.text, currency)));
  const placed = amounts.reduce<number>((a, x) => a + (x ?? 0), 0);
  const invalid = amounts.some((x) => x === null || x < 0) || placed > payment.amountMinor;
  const submit = async () => {
    setBusy(true);
    setFailure('');
    try {
      const allocations = (rows ?? []).map((r, i) => ({ invoiceId: r.invoiceId, amountMinor: amounts[i] ?? 0 })).filter((a) => a.amountMinor > 0);
      const done = await invoke('payments.incoming.assign', { id: payment.id, customerId: to.customerId, allocations });
      onDone(`${payment.receipt} recorded as ${done.paymentNumber} for ${to.customerName}`);
    } catch (e) {
      setFailure(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`Split ${money(payment.amountMinor, currency)} from ${payment.receipt}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn btn-primary" disabled={busy || invalid || rows === null} onClick={() => void submit()}>{busy ? 'Recording…' : 'Record split'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
        </>
      }
    >
      <p>Over {to.customerName}&apos;s unpaid invoices. What is not placed on an invoice is kept as their credit.</p>
      {failure && <ErrorNotice title="Not recorded" message={failure} />}
      {rows && rows.length === 0 && <p>{to.customerName} owes nothing now: the whole amount will be kept as credit.</p>}
      {rows && rows.length > 0 && (
        <table className="data-table split-table" aria-label="Split over invoices">
          <thead><tr><th scope="col">Invoice</th><th scope="col">Owed</th><th scope="col">Apply</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.invoiceId}>
                <th scope="row"><label htmlFor={`${id}-${i}`}>{r.invoiceNumber}</label></th>
                <td>{money(r.balanceMinor, currency)}</td>
                <td>
                  <MoneyInput id={`${id}-${i}`} currency={currency} value={r.text} aria-invalid={amounts[i] === null ? true : undefined}
                    onChange={(text) => setRows((list) => list!.map((x, k) => (k === i ? { ...x, text } : x)))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p aria-live="polite">
        {placed > payment.amountMinor
          ? `That is ${money(placed - payment.amountMinor, currency)} more than was received.`
          : `${money(placed, currency)} on invoices, ${money(payment.amountMinor - placed, currency)} kept as credit.`}
      </p>
    </Dialog>
  );
}
