import type { ChangeEvent } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Busy } from './Busy';

interface FileStepProps {
  busy: boolean;
  error: string | null;
  onFile: (file: File) => void;
}

export function FileStep({ busy, error, onFile }: FileStepProps) {
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) onFile(file);
  };
  return (
    <section className="panel">
      <h2 id="import-step-file">1. Choose a file</h2>
      <p>
        Billbook reads customer lists exported from <strong>Zoho Invoice, Wave, FreshBooks, QuickBooks (Online or Desktop), Xero and
        Invoice Ninja</strong> as they are, and lists saved as CSV from Excel or Google Sheets.
      </p>
      <ul className="hints">
        <li>Columns separated by commas, semicolons or tabs.</li>
        <li>UTF-8 text (in Excel: <em>Save As → CSV UTF-8</em>).</li>
        <li>The first row holds the column headers; columns can be in any order. You choose which column is which next.</li>
        <li>Every customer needs a name (or a company, or a first and last name). A value Billbook cannot read, such as an incomplete phone number, is left out and listed; the customer still imports.</li>
      </ul>
      {error && (
        <ErrorNotice title="That file could not be read" message={error}>
          <p>Check that it is a CSV file (not .xlsx), saved as UTF-8, then choose it again or pick another file.</p>
        </ErrorNotice>
      )}
      <div className="field">
        <label htmlFor="import-file">CSV file</label>
        <input id="import-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" onChange={onChange} disabled={busy} />
      </div>
      {busy && <Busy label="Reading and checking the file…" />}
    </section>
  );
}
