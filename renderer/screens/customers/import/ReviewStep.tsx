import type { ImportHeldBack, ImportPreview } from '../../../../shared/contract';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { formatCount, plural } from '../../../lib/format';
import { Busy } from './Busy';
import { CountList } from './CountList';
import { DuplicatesTable } from './DuplicatesTable';
import type { DuplicateAction } from './fields';
import { MappingTable } from './MappingTable';
import { RejectedTable } from './RejectedTable';
import { SampleTable } from './SampleTable';
import { SourceNote } from '../../../components/import/SourceNote';
import { WarningsTable } from '../../../components/import/WarningsTable';
import { GuardedButton } from '../../../components/Guarded';

interface ReviewStepProps {
  preview: ImportPreview;
  mapping: Record<string, string | null>;
  heldBack: ImportHeldBack[];
  actions: Record<string, DuplicateAction>;
  busy: 'preview' | 'commit' | null;
  error: string | null;
  onMapping: (field: string, header: string | null) => void;
  onAction: (line: number, action: DuplicateAction) => void;
  onAllActions: (action: DuplicateAction) => void;
  onCommit: () => void;
  onRestart: () => void;
}

function Counts({ preview }: { preview: ImportPreview }) {
  const counts: [string, number][] = [
    ['Rows in file', preview.totalRows],
    ['Ready to import', preview.acceptedRows],
    ['With a value left out', new Set(preview.warnings.map((w) => w.line)).size],
    ['Rejected', preview.rejected.length],
    ['Possible duplicates', preview.duplicates.length],
    ...(preview.openingBalances.count > 0 ? ([['With an opening balance', preview.openingBalances.count]] as [string, number][]) : []),
  ];
  return <CountList label="Import summary" counts={counts} />;
}

/** Opening balances the file carries: recorded as entries that age from their date, or the lines that stop the import. */
function OpeningBalances({ preview }: { preview: ImportPreview }) {
  const o = preview.openingBalances;
  if (o.count === 0 && o.problems.length === 0) return null;
  return (
    <section aria-labelledby="import-opening-balances">
      <h3 id="import-opening-balances">Opening balances</h3>
      {o.count > 0 && (
        <p>
          {plural(o.count, 'new customer')} will start with what they owed: each an opening-balance entry (OB-…) dated on
          its balance date (the import day when the file has none), due that day, paid like an invoice and shown on statements.
        </p>
      )}
      {o.problems.length > 0 && (
        <div className="notice notice-warning" role="alert">
          <p className="notice-title">Fix these before importing</p>
          <ul>{o.problems.map((p) => <li key={p.line}>Line {p.line}: {p.message}</li>)}</ul>
        </div>
      )}
    </section>
  );
}

export function ReviewStep(props: ReviewStepProps) {
  const { preview, actions, busy, error } = props;
  const updates = preview.duplicates.filter((d) => actions[String(d.line)] === 'update').length;
  const label = `Import ${plural(preview.acceptedRows, 'customer')}${updates > 0 ? ` and update ${formatCount(updates)}` : ''}`;
  return (
    <section className="panel">
      <h2 id="import-step-review">2. Check columns and rows</h2>
      <p className="muted">
        File <strong>{preview.fileName}</strong>, columns separated by {delimiterName(preview.delimiter)}.{' '}
        <button type="button" className="btn-link" onClick={props.onRestart} disabled={busy !== null}>Choose another file</button>
      </p>
      <SourceNote source={preview.source} />
      {error && <ErrorNotice title="That did not work" message={error} />}
      <Counts preview={preview} />
      <MappingTable headers={preview.headers} mapping={props.mapping} heldBack={props.heldBack} disabled={busy !== null} onChange={props.onMapping} />
      {busy === 'preview' && <Busy label="Checking rows…" />}
      <RejectedTable rows={preview.rejected} headers={preview.headers} fileName={preview.fileName} />
      <WarningsTable rows={preview.warnings} noun="customer" />
      <OpeningBalances preview={preview} />
      <DuplicatesTable rows={preview.duplicates} actions={actions} onChange={props.onAction} onAll={props.onAllActions} />
      <SampleTable sample={preview.sample} />
      <div className="form-actions">
        <GuardedButton
          action="customers.write"
          className="btn btn-primary"
          onClick={props.onCommit}
          disabled={busy !== null || preview.acceptedRows + updates === 0 || preview.openingBalances.problems.length > 0}
        >
          {label}
        </GuardedButton>
        {busy === 'commit' && <Busy label="Importing…" />}
      </div>
    </section>
  );
}

function delimiterName(d: string): string {
  if (d === ',') return 'commas';
  if (d === ';') return 'semicolons';
  if (d === '\t') return 'tabs';
  return `“${d}”`;
}
