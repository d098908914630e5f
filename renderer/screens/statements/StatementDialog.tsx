// A customer's statement of account for a period (this month unless changed): previewed as a table
// (opening balance, every line with its running balance, closing, aging), or as the PDF the customer
// gets; saved as a PDF; sent by email (the PDF attached) or SMS (the balance).
import { useId, useMemo, useState } from 'react';
import { invoke } from '../../api';
import type { Customer } from '../../../shared/domain/customer';
import { Dialog } from '../../components/Dialog';
import { DateInput } from '../../components/DateInput';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { todayLocal } from '../../lib/clock';
import { errorMessage, formatDate, money } from '../../lib/format';
import { useRemote } from '../../lib/useRemote';
import { toast } from '../../stores/toasts';
import { PdfPages } from '../invoices/page/pdf/PdfPages';
import { bytesOfBase64, saveBytes } from '../invoices/page/pdf/pdfBytes';
import '../invoices/page/pdf/pdf.css';
import './statements.css';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function StatementDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const id = useId();
  const today = todayLocal();
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [view, setView] = useState<'table' | 'pdf'>('table');
  const [busy, setBusy] = useState<string | null>(null);
  const valid = ISO.test(from) && ISO.test(to) && from <= to;
  const period = { customerId: customer.id, from, to };
  const key = valid ? `${customer.id}|${from}|${to}` : 'invalid';
  const statement = useRemote(() => (valid ? invoke('statements.get', period) : Promise.reject(new Error('Enter the first and last day of the period'))), key);
  const pdf = useRemote(() => (valid && view === 'pdf' ? invoke('statements.pdf', period) : Promise.resolve(null)), `${key}|${view}`);
  const pdfValue = pdf.state === 'ready' ? pdf.value : null;
  const bytes = useMemo(() => (pdfValue ? bytesOfBase64(pdfValue.base64) : null), [pdfValue]);
  const s = statement.state === 'ready' ? statement.value : null;
  const fmt = (minor: number) => money(minor, customer.currency);

  const save = async () => {
    setBusy('save');
    try {
      const file = pdfValue ?? (await invoke('statements.pdf', period));
      saveBytes(file.fileName, bytesOfBase64(file.base64), 'application/pdf');
      if (!window.billbook) toast.success(`Downloaded ${file.fileName}`);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const send = async (channel: 'email' | 'sms') => {
    setBusy(channel);
    try {
      await invoke('statements.send', { ...period, channel });
      toast.success(`Statement for ${customer.name} queued by ${channel === 'email' ? 'email' : 'SMS'}`);
      onClose();
    } catch (e) {
      toast.error(errorMessage(e));
      setBusy(null);
    }
  };

  return (
    <Dialog
      title={`Statement for ${customer.name}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Close</button>
          <button type="button" className="btn" disabled={!s || busy !== null} onClick={() => void save()}>{busy === 'save' ? 'Saving…' : 'Save as PDF'}</button>
          <button type="button" className="btn" disabled={!s || busy !== null || !customer.phone} onClick={() => void send('sms')}>Send by SMS</button>
          <button type="button" className="btn btn-primary" disabled={!s || busy !== null || !customer.email} onClick={() => void send('email')}>
            {busy === 'email' ? 'Sending…' : 'Send by email'}
          </button>
        </>
      }
    >
      <div className="statement-period">
        <Field id={`${id}-from`} label="From">
          <DateInput id={`${id}-from`} label="First day" value={from} max={today} onValue={setFrom} />
        </Field>
        <Field id={`${id}-to`} label="To">
          <DateInput id={`${id}-to`} label="Last day" value={to} max={today} onValue={setTo} />
        </Field>
        <div className="statement-view" role="group" aria-label="Show">
          <label><input type="radio" name={`${id}-view`} checked={view === 'table'} onChange={() => setView('table')} /> Summary</label>
          <label><input type="radio" name={`${id}-view`} checked={view === 'pdf'} onChange={() => setView('pdf')} /> PDF</label>
        </div>
      </div>
      {!valid && <p className="field-error" role="alert">Enter the first and last day of the period; the first comes before the last.</p>}
      {valid && statement.state === 'failed' && <ErrorNotice title="The statement could not be made" message={statement.message} />}
      {valid && statement.state === 'loading' && <Loading label="Working out the statement…" />}
      {s && view === 'table' && (
        <div className="statement-preview">
          <dl className="statement-totals" aria-label="Statement totals">
            <div><dt>Opening balance</dt><dd>{fmt(s.openingBalanceMinor)}</dd></div>
            <div><dt>Charges</dt><dd>{fmt(s.chargesMinor)}</dd></div>
            <div><dt>Payments and credits</dt><dd>{fmt(s.creditsMinor)}</dd></div>
            <div><dt>Closing balance</dt><dd className="statement-closing">{fmt(s.closingBalanceMinor)}</dd></div>
          </dl>
          {s.lines.length === 0 ? (
            <p className="muted">No invoices, payments, credit notes or refunds from {formatDate(s.from)} to {formatDate(s.to)}.</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table" aria-label="Statement lines">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Details</th>
                    <th scope="col" className="num">Charges</th>
                    <th scope="col" className="num">Credits</th>
                    <th scope="col" className="num">Balance</th>
                  </tr>
                </thead>
                <tbody>
                  {s.lines.map((l, i) => (
                    <tr key={`${l.id}-${l.kind}-${i}`}>
                      <td className="nowrap">{formatDate(l.date)}</td>
                      <td>{l.description}</td>
                      <td className="num nowrap">{l.chargeMinor ? fmt(l.chargeMinor) : ''}</td>
                      <td className="num nowrap">{l.creditMinor ? fmt(l.creditMinor) : ''}</td>
                      <td className="num nowrap">{fmt(l.balanceMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <table className="data-table statement-aging" aria-label="Aging at the end of the period">
            <thead>
              <tr>
                <th scope="col" className="num">Not yet due</th><th scope="col" className="num">1–30 days</th><th scope="col" className="num">31–60 days</th><th scope="col" className="num">61–90 days</th><th scope="col" className="num">Over 90 days</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                {[s.aging.currentMinor, s.aging.days1to30Minor, s.aging.days31to60Minor, s.aging.days61to90Minor, s.aging.days90plusMinor].map((m, i) => (
                  <td key={i} className="num nowrap">{fmt(m)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {valid && view === 'pdf' && (
        <div className="pdf-preview">
          {pdf.state === 'failed' && <ErrorNotice title="The PDF could not be made" message={pdf.message} />}
          {pdf.state !== 'failed' && !bytes && <Loading label="Making the PDF…" />}
          {bytes && <PdfPages data={bytes} documentName={`the statement for ${customer.name}`} />}
        </div>
      )}
    </Dialog>
  );
}
