// KRA eTIMS on the invoice page: signed (the control unit's number, internal data, signature and the
// QR code to KRA's page), or waiting, being checked, or refused with what to fix and Retry.
import { useState } from 'react';
import { invoke } from '../../../api';
import { ETIMS_STATE_LABELS, type EtimsPrint, type EtimsStatus } from '../../../../shared/domain/etims';
import type { Invoice } from '../../../../shared/domain/invoice';
import { QrCode } from '../../../components/QrCode';
import { errorMessage, formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { toast } from '../../../stores/toasts';
import '../../etims/etims.css';

const TONE: Record<string, string> = { signed: 'etims-signed', failed: 'etims-failed', in_doubt: 'etims-waiting', awaiting: 'etims-waiting', sending: 'etims-waiting' };

function Signed({ print }: { print: EtimsPrint }) {
  const facts: [string, string][] = [
    ['CU invoice no.', print.cuInvoiceNo],
    ['CU date', print.signedAt],
    ['KRA invoice no.', print.kraInvoiceNo],
    ...(print.originalCuInvoiceNo ? ([['Original CU invoice no.', print.originalCuInvoiceNo]] as [string, string][]) : []),
    ['Internal data', print.internalData],
    ['Receipt signature', print.signature],
  ];
  return (
    <div className="etims-signed-body">
      <dl className="etims-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="mono">{value}</dd>
          </div>
        ))}
      </dl>
      <figure className="etims-qr">
        <QrCode rows={print.qr} size={132} label={`QR code: KRA's page for ${print.cuInvoiceNo}`} />
        <figcaption>
          <a href={print.verifyUrl} target="_blank" rel="noreferrer">Check on KRA’s site</a>
        </figcaption>
      </figure>
    </div>
  );
}

export function EtimsStatusBlock({ kind, id, status, print, label }: { kind: 'invoice' | 'credit_note'; id: string; status: EtimsStatus; print: EtimsPrint | null | undefined; label: string }) {
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await invoke('etims.retry', { kind, id });
      toast.success(`${label} is back in the line to KRA eTIMS`);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`etims-status ${TONE[status.state] ?? ''}`}>
      <p className="etims-state">
        <span className="badge">{ETIMS_STATE_LABELS[status.state]}</span>
        {status.queuedAt && status.state !== 'signed' && <span className="muted"> since {formatDateTime(status.queuedAt)}</span>}
      </p>
      {status.state === 'signed' && print?.state === 'signed' && <Signed print={print} />}
      {status.state === 'awaiting' && !status.message && <p>KRA has not signed it yet; it goes, in order, as soon as KRA can be reached. A PDF sent meanwhile says “Awaiting eTIMS”.</p>}
      {status.message && (
        <div className={status.state === 'failed' ? 'notice notice-error' : 'notice notice-warning'} role={status.state === 'failed' ? 'alert' : undefined}>
          <p className="notice-title">{status.state === 'failed' ? 'What to fix' : 'Why it waits'}</p>
          <p>{status.message}</p>
          {status.state === 'failed' && (
            <div className="notice-actions">
              <button type="button" className="btn" disabled={busy} onClick={() => void retry()}>{busy ? 'Sending…' : 'Retry'}</button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

export function EtimsSection({ invoice }: { invoice: Invoice }) {
  const status = invoice.etims;
  if (!status || status.state === 'not_applicable' || !invoice.number) return null;
  return (
    <section className="invoice-section etims-section" aria-labelledby="invoice-etims-heading">
      <h2 id="invoice-etims-heading">KRA eTIMS</h2>
      <EtimsStatusBlock kind="invoice" id={invoice.id} status={status} print={invoice.etimsPrint} label={invoice.number} />
      {invoice.creditNotes.filter((c) => c.etims && c.etims.state !== 'not_applicable').map((c) => (
        <div key={c.id} className="etims-credit">
          <h3>Credit note {c.number}</h3>
          <EtimsStatusBlock kind="credit_note" id={c.id} status={c.etims!} print={c.etimsPrint} label={c.number} />
        </div>
      ))}
      <p className="muted etims-more"><a href={paths.etims()}>All documents and KRA eTIMS report</a></p>
    </section>
  );
}
