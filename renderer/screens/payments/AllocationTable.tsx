import type { CurrencyCode } from '../../../shared/money';
import { MoneyInput, moneyText } from '../../components/MoneyInput';
import { formatDate, money } from '../../lib/format';
import type { AllocationState } from './allocation';

interface AllocationTableProps {
  state: AllocationState;
  currency: CurrencyCode;
  overrides: Record<string, string>;
  /** The split shown is for an amount no longer typed: it cannot be edited until the new one arrives. */
  readOnly?: boolean;
  onEdit: (invoiceId: string, text: string) => void;
  error: string | undefined;
}

/** The invoices a payment pays, each amount editable, and what is left as credit. */
export function AllocationTable({ state, currency, overrides, readOnly = false, onEdit, error }: AllocationTableProps) {
  const fmt = (minor: number) => money(minor, currency);
  return (
    <div className="allocation">
      {state.rows.length > 0 ? (
        <table className="data-table allocation-table" aria-label="Invoices this payment pays">
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">Balance</th>
              <th scope="col" className="num">Amount applied</th>
            </tr>
          </thead>
          <tbody>
            {state.rows.map(({ row, appliedMinor, problem }) => {
              const id = `alloc-${row.invoiceId}`;
              const text = overrides[row.invoiceId] ?? moneyText(appliedMinor ?? 0, currency);
              return (
                <tr key={row.invoiceId}>
                  <th scope="row" className="allocation-number">{row.invoiceNumber}</th>
                  <td>{formatDate(row.dueDate)}</td>
                  <td className="num">{fmt(row.balanceMinor)}</td>
                  <td className="num allocation-amount">
                    <MoneyInput
                      id={id}
                      currency={currency}
                      value={text}
                      onChange={(t) => onEdit(row.invoiceId, t)}
                      disabled={readOnly}
                      aria-label={`Amount applied to ${row.invoiceNumber}`}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={problem ? `${id}-error` : undefined}
                    />
                    {problem && <p id={`${id}-error`} className="field-error">{problem}</p>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted allocation-none">This customer has no unpaid invoices.</p>
      )}
      {state.problem && <p className="field-error" role="alert">{state.problem}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
      {state.creditMinor > 0 && (
        <p className="allocation-credit">
          <strong>{fmt(state.creditMinor)}</strong> will be kept as credit
          <span className="muted"> — apply it to a later invoice from the customer’s Payments tab.</span>
        </p>
      )}
    </div>
  );
}
