// Payments: every payment in one list, found by M-Pesa code, reference, receipt or customer and
// filtered by method and date; a day's takings per method; the export; each payment's receipt.
import { useId, useState } from 'react';
import { invoke } from '../../api';
import type { ChannelInput } from '../../../shared/contract';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../shared/domain/customer';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/invoice';
import type { PaymentListRow } from '../../../shared/domain/payment';
import { DateInput } from '../../components/DateInput';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { downloadText } from '../../lib/csv';
import { errorMessage, plural } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { paths } from '../../lib/router';
import { useEventCount } from '../../lib/useEventCount';
import { toast } from '../../stores/toasts';
import { PAGE, useFirstRows } from '../customers/page/useFirstRows';
import { DayTakings } from './DayTakings';
import { PaymentTable } from './PaymentTable';
import { ReceiptDialog } from './ReceiptDialog';
import { ChooseCustomerDialog } from './ChooseCustomerDialog';
import { RecordPaymentDialog } from './RecordPaymentDialog';
import type { CustomerChoice } from '../drafts/draftValues';
import '../customers/page/billing.css';
import './payments.css';
import { GuardedButton } from '../../components/Guarded';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

interface Filters {
  search: string;
  method: PaymentMethod | '';
  from: string;
  to: string;
}

const NONE: Filters = { search: '', method: '', from: '', to: '' };

function queryOf(f: Filters): ChannelInput<'payments.export'> {
  return {
    search: f.search.trim(),
    ...(f.method ? { method: f.method } : {}),
    ...(ISO.test(f.from) ? { from: f.from } : {}),
    ...(ISO.test(f.to) ? { to: f.to } : {}),
  };
}

export function PaymentsScreen() {
  const id = useId();
  const [filters, setFilters] = useState<Filters>(NONE);
  const [receipt, setReceipt] = useState<PaymentListRow | null>(null);
  const [recording, setRecording] = useState<'choose' | CustomerChoice | null>(null);
  const books = useEventCount('invoices.changed') + useEventCount('customers.changed');
  const settled = useDebounced(filters, 250);
  const query = queryOf(settled);
  const { rows, total, error, showMore } = useFirstRows(
    (offset: number, limit: number) => invoke('payments.list', { ...query, offset, limit }),
    JSON.stringify(query),
    books,
  );
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NONE);
  const dateError = (text: string) => (text !== '' && !ISO.test(text) ? 'Enter a day as day/month/year, like 18/11/2026' : undefined);
  const fromError = dateError(filters.from);
  const toError = dateError(filters.to) ?? (ISO.test(filters.from) && ISO.test(filters.to) && filters.to < filters.from ? 'The last day is before the first' : undefined);

  const exportCsv = async () => {
    try {
      // What the filters say now, even if the list has not caught up with the last keystroke.
      const file = await invoke('payments.export', queryOf(filters));
      downloadText(file.fileName, file.csvText, 'text/csv');
      toast.success(`Exported ${plural(file.rows, 'payment')} to ${file.fileName}`);
    } catch (e) {
      toast.error(`Not exported: ${errorMessage(e)}`);
    }
  };

  return (
    <section className="screen payments-screen">
      <header className="screen-header">
        <div>
          <h1>Payments</h1>
          <p className="muted screen-intro">Every payment received, newest first, with its receipt.</p>
        </div>
        <div className="header-actions">
          <a className="btn" href={paths.statementImport()}>Import statement</a>
          <button type="button" className="btn" onClick={() => void exportCsv()}>Export CSV</button>
          <GuardedButton action="payments.record" className="btn btn-primary" onClick={() => setRecording('choose')}>Record payment</GuardedButton>
        </div>
      </header>

      <DayTakings refresh={books} />

      <div className="toolbar payments-toolbar" role="search" aria-label="Find payments">
        <div className="toolbar-row">
          <div className="field payments-search">
            <label htmlFor={`${id}-search`}>Search</label>
            <input
              id={`${id}-search`}
              type="search"
              aria-describedby={`${id}-search-hint`}
              value={filters.search}
              placeholder="QJK3H7Z2XP, FT26…, PAY-2026-0007 or a name"
              onChange={(e) => set({ search: e.target.value })}
            />
            <p id={`${id}-search-hint`} className="field-hint">M-Pesa code, bank reference, receipt number or customer</p>
          </div>
          <div className="field">
            <label htmlFor={`${id}-method`}>Method</label>
            <select id={`${id}-method`} value={filters.method} onChange={(e) => set({ method: e.target.value as PaymentMethod | '' })}>
              <option value="">Every method</option>
              {PAYMENT_METHODS.map((m) => <option key={m} value={m}>{PAYMENT_METHOD_LABELS[m]}</option>)}
            </select>
          </div>
          <div className={`field${fromError ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-from`}>Paid from</label>
            <DateInput id={`${id}-from`} label="Paid from" value={filters.from} onValue={(from) => set({ from })} aria-invalid={fromError ? true : undefined} aria-describedby={fromError ? `${id}-from-error` : undefined} />
            {fromError && <p id={`${id}-from-error`} className="field-error">{fromError}</p>}
          </div>
          <div className={`field${toError ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-to`}>Paid to</label>
            <DateInput id={`${id}-to`} label="Paid to" value={filters.to} onValue={(to) => set({ to })} aria-invalid={toError ? true : undefined} aria-describedby={toError ? `${id}-to-error` : undefined} />
            {toError && <p id={`${id}-to-error`} className="field-error">{toError}</p>}
          </div>
          {filtered && <button type="button" className="btn payments-clear" onClick={() => setFilters(NONE)}>Clear filters</button>}
        </div>
      </div>

      <p className="result-count" aria-live="polite">{rows ? plural(total, 'payment') + (filtered ? ' match' : '') : ''}</p>
      {error && <ErrorNotice title="Payments could not be loaded" message={error} />}
      {!error && !rows && <Loading label="Loading payments…" />}
      {rows && rows.length === 0 && (
        <div className="empty">
          <p>{filtered ? 'No payment matches these filters.' : 'No payments yet. When a customer pays, record it from their page or the invoice: it shows here with its receipt.'}</p>
        </div>
      )}
      {rows && rows.length > 0 && <PaymentTable rows={rows} onReceipt={setReceipt} />}
      {rows && rows.length < total && (
        <p className="show-more">
          <button type="button" className="btn" onClick={showMore}>Show {Math.min(PAGE, total - rows.length)} more of {plural(total - rows.length, 'older payment')}</button>
        </p>
      )}
      {receipt && <ReceiptDialog payment={receipt} onClose={() => setReceipt(null)} />}
      {recording === 'choose' && <ChooseCustomerDialog onChosen={setRecording} onClose={() => setRecording(null)} />}
      {recording !== null && recording !== 'choose' && (
        <RecordPaymentDialog customerId={recording.id} customerName={recording.name} currency={recording.currency} onClose={() => setRecording(null)} />
      )}
    </section>
  );
}
