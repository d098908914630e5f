// "Preview PDF": the invoice as the customer gets it, in a template chosen here (the invoice's by
// default), page by page; "Save as PDF" keeps that file.
import { useId, useMemo, useState } from 'react';
import { invoke } from '../../../../api';
import { INVOICE_TEMPLATE_LABELS, INVOICE_TEMPLATES, type InvoiceTemplate } from '../../../../../shared/domain/customer';
import type { Invoice } from '../../../../../shared/domain/invoice';
import { Dialog } from '../../../../components/Dialog';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { plural } from '../../../../lib/format';
import { useRemote } from '../../../../lib/useRemote';
import { toast } from '../../../../stores/toasts';
import { bytesOfBase64, saveBytes, sizeText } from './pdfBytes';
import { PdfPages } from './PdfPages';
import './pdf.css';

const TEMPLATE_NAMES = INVOICE_TEMPLATE_LABELS;

interface PdfPreviewDialogProps {
  invoice: Invoice;
  onClose: () => void;
}

export function PdfPreviewDialog({ invoice, onClose }: PdfPreviewDialogProps) {
  const templateId = useId();
  const [template, setTemplate] = useState<InvoiceTemplate>(invoice.template);
  const pdf = useRemote(() => invoke('pdf.render', { invoiceId: invoice.id, template }), `${invoice.id}|${template}`);
  const ready = pdf.state === 'ready' && !pdf.refreshing ? pdf.value : null;
  const bytes = useMemo(() => (ready ? bytesOfBase64(ready.base64) : null), [ready]);
  const name = invoice.number ?? `the draft for ${invoice.customer.name}`;

  const save = () => {
    if (!ready || !bytes) return;
    saveBytes(ready.fileName, bytes, 'application/pdf');
    // Electron asks where to save it in its own dialog; a browser downloads it.
    if (!window.billbook) toast.success(`Downloaded ${ready.fileName}`);
  };

  return (
    <Dialog
      title={`PDF of ${invoice.number ? `invoice ${invoice.number}` : 'the draft invoice'}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>Close</button>
          <button type="button" className="btn btn-primary" disabled={!ready} onClick={save}>Save as PDF</button>
        </>
      }
    >
      <div className="pdf-preview">
        <div className="pdf-toolbar">
          <div className="inline-field">
            <label htmlFor={templateId}>Template</label>
            <select id={templateId} value={template} onChange={(e) => setTemplate(e.target.value as InvoiceTemplate)}>
              {INVOICE_TEMPLATES.map((t) => (
                <option key={t} value={t}>
                  {TEMPLATE_NAMES[t]}{t === invoice.template ? ' (this invoice’s)' : ''}
                </option>
              ))}
            </select>
          </div>
          <p className="muted pdf-facts" aria-live="polite">
            {ready ? <>{ready.fileName} · {plural(ready.pages, 'page')} · {sizeText(ready.bytes)}</> : 'Making the PDF…'}
          </p>
        </div>
        {template !== invoice.template && (
          <p className="field-hint pdf-template-hint">
            Only this preview and the saved file use {TEMPLATE_NAMES[template]}; the invoice and its emails keep {TEMPLATE_NAMES[invoice.template]}.
          </p>
        )}
        {pdf.state === 'failed' && (
          <ErrorNotice title="The PDF could not be made" message={pdf.message}>
            <button type="button" className="btn" onClick={pdf.reload}>Try again</button>
          </ErrorNotice>
        )}
        {pdf.state !== 'failed' && !bytes && <Loading label="Making the PDF…" />}
        {bytes && <PdfPages key={template} data={bytes} documentName={name} />}
      </div>
    </Dialog>
  );
}
