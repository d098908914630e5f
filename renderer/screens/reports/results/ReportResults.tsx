import { useId } from 'react';
import type { ReportDefinitionInput, ReportResult } from '../../../../shared/domain/analytics';
import { formatCount, plural } from '../../../lib/format';
import { SaveReport } from '../saved/SaveReport';
import { useReportStore } from '../reportStore';
import { ExportButtons } from './ExportButtons';
import { ResultsTable } from './ResultsTable';

interface Props {
  definition: ReportDefinitionInput;
  result: ReportResult;
  /** The form has changed since this ran: the table is of the previous settings. */
  stale: boolean;
  onSaved: () => void;
}

/** The report that was run: its title, export and save, and its table. */
export function ReportResults({ definition, result, stale, onSaved }: Props) {
  const headingId = useId();
  const name = useId();
  const opened = useReportStore((s) => s.opened);
  // A saved report exports under its own name; a new one under the title the backend gave it.
  const fileTitle = opened?.name ?? result.title;
  return (
    <section className="report-results" aria-labelledby={headingId}>
      <div className="section-head">
        <div>
          <h2 id={headingId}>{result.title}</h2>
          <p className="muted" id={name}>
            {plural(result.rowCount, 'row')}
            {result.truncated && ` — the first ${formatCount(result.rows.length)} are shown; narrow the filters or group the rows to see all`}
          </p>
        </div>
        <ExportButtons report={{ kind: 'builder', definition, name: fileTitle }} what={`of ${result.title}`} />
      </div>
      {stale && <p className="notice notice-warning">The settings above have changed since this ran. Press Run report (or R) to update it.</p>}
      {result.rows.length === 0 ? (
        <p className="chart-empty">Nothing matches these settings. Widen the dates or clear some filters.</p>
      ) : (
        <ResultsTable result={result} />
      )}
      {/* Keyed by the saved report, so opening another one shows its name. */}
      <SaveReport key={opened?.id ?? 'new'} definition={definition} onSaved={onSaved} />
    </section>
  );
}
