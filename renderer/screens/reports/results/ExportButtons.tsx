import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../shared/domain/analytics';
import type { ChannelInput } from '../../../../shared/contract';
import { errorMessage } from '../../../lib/format';
import { toast } from '../../../stores/toasts';
import { EXPORT_LABELS, exportReport } from './exportReport';

interface Props {
  report: ChannelInput<'reports.export'>['report'];
  /** Finishes each button's name for screen readers: "of Invoices by customer". */
  what: string;
}

/** CSV, JSON and Print / Save as PDF for one report; one export at a time. */
export function ExportButtons({ report, what }: Props) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      toast.success(await exportReport(report, format));
    } catch (e) {
      toast.error(`The export failed: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-buttons">
      {EXPORT_FORMATS.map((f) => (
        <button key={f} type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void run(f)}>
          {busy === f ? 'Exporting…' : EXPORT_LABELS[f]}
          <span className="visually-hidden"> {what}</span>
        </button>
      ))}
    </div>
  );
}
