// Exports through reports.export: CSV and JSON become a downloaded file, 'pdf' is a printable page.
import { invoke } from '../../../api';
import type { ChannelInput } from '../../../../shared/contract';
import type { ExportFormat } from '../../../../shared/domain/analytics';
import { downloadText } from '../../../lib/csv';
import { printHtml } from '../../../lib/printHtml';

type ReportToExport = ChannelInput<'reports.export'>['report'];

/** Fetches the file and hands it to the person: a download, or the print dialog for PDF. */
export async function exportReport(report: ReportToExport, format: ExportFormat): Promise<string> {
  const file = await invoke('reports.export', { report, format });
  // The contract's 'pdf' is printable HTML: print it, where "Save as PDF" makes the file.
  if (file.mimeType === 'text/html') {
    printHtml(file.text);
    return 'Opened the print dialog: choose “Save as PDF” to keep a PDF.';
  }
  downloadText(file.fileName, file.text, file.mimeType);
  return `Downloaded ${file.fileName}`;
}

export const EXPORT_LABELS: Record<ExportFormat, string> = { csv: 'Export CSV', json: 'Export JSON', pdf: 'Print / Save as PDF' };
