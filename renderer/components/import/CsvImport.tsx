// A CSV import in three steps (choose a file, check columns and rows, see what was imported), for
// any kind of record: the screen says what it imports, which fields there are and what to show.
import { useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import type { ImportPreviewBase, ImportRejectedRow } from '../../../shared/domain/imports';
import { ErrorNotice } from '../ErrorNotice';
import { errorMessage, formatCount } from '../../lib/format';
import { FieldMapping, type ImportFieldSpec } from './FieldMapping';
import { SourceNote } from './SourceNote';
import { WarningsTable } from './WarningsTable';
import { GuardedButton } from '../Guarded';
import type { Action } from '../../../shared/permissions';

export type DuplicateAction = 'skip' | 'update';

export interface CsvImportConfig<P extends ImportPreviewBase, R> {
  /** "items", "open invoices": for headings and messages. */
  what: string;
  /** "item", "invoice": one row's kind, for messages. */
  one: string;
  idPrefix: string;
  /** What the signed-in role needs to import these. */
  action: Action;
  fields: readonly ImportFieldSpec[];
  /** What the file step says files should look like. */
  hints: ReactNode;
  preview(input: { csvText: string; fileName: string; mapping?: Record<string, string | null> }): Promise<P>;
  commit(input: { csvText: string; fileName: string; mapping: Record<string, string | null>; duplicateActions: Record<string, DuplicateAction> }): Promise<R>;
  /** Extra counts beside rows, ready and rejected. */
  counts?(preview: P): [string, number][];
  /** What the review shows between the warnings and the commit button: duplicates, skipped rows, a sample. */
  review(preview: P, actions: Record<string, DuplicateAction>, setAction: (line: number, action: DuplicateAction) => void): ReactNode;
  commitLabel(preview: P, actions: Record<string, DuplicateAction>): string;
  canCommit(preview: P, actions: Record<string, DuplicateAction>): boolean;
  result(result: R): { counts: [string, number][]; note?: string };
  done: { href: string; label: string };
}

type Step<P, R> =
  | { step: 'file' }
  | { step: 'review'; csvText: string; fileName: string; preview: P; mapping: Record<string, string | null>; actions: Record<string, DuplicateAction> }
  | { step: 'done'; result: R };

function Busy({ label }: { label: string }) {
  return (
    <div className="busy">
      <progress aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

export function Counts({ label, counts }: { label: string; counts: [string, number][] }) {
  return (
    <dl className="stats" aria-label={label}>
      {counts.map(([name, n]) => (
        <div key={name} className="stat">
          <dt className="stat-label">{name}</dt>
          <dd className="stat-value">{formatCount(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Rejected({ rows }: { rows: ImportRejectedRow[] }) {
  if (rows.length === 0) return null;
  return (
    <section>
      <h3 id="import-rejected">Rejected rows</h3>
      <p>These rows will not be imported as they are. Fix them in your file (the line numbers match) and import it again; what is already in is not imported twice.</p>
      <table className="data-table" aria-labelledby="import-rejected">
        <thead>
          <tr><th scope="col">Line</th><th scope="col">Problems</th></tr>
        </thead>
        <tbody>
          {rows.slice(0, 200).map((r) => (
            <tr key={r.line}>
              <td className="num">{r.line}</td>
              <td><ul className="reasons">{r.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul></td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > 200 && <p className="muted">Showing the first 200 of {formatCount(rows.length)} rejected rows.</p>}
    </section>
  );
}

export function CsvImport<P extends ImportPreviewBase, R>({ config }: { config: CsvImportConfig<P, R> }) {
  const [state, setState] = useState<Step<P, R>>({ step: 'file' });
  const [busy, setBusy] = useState<'file' | 'preview' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  /** Runs one request; only the newest request's answer may land. */
  const run = async <T,>(kind: 'file' | 'preview' | 'commit', work: () => Promise<T>, then: (value: T) => void) => {
    const mine = ++request.current;
    setBusy(kind);
    setError(null);
    try {
      const value = await work();
      if (mine === request.current) then(value);
    } catch (e) {
      if (mine === request.current) setError(errorMessage(e));
    } finally {
      if (mine === request.current) setBusy(null);
    }
  };

  const restart = () => {
    request.current++;
    setState({ step: 'file' });
    setBusy(null);
    setError(null);
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void run(
      'file',
      async () => {
        const csvText = await file.text();
        return { csvText, preview: await config.preview({ csvText, fileName: file.name }) };
      },
      ({ csvText, preview }) => setState({ step: 'review', csvText, fileName: file.name, preview, mapping: preview.mapping, actions: {} }),
    );
  };

  if (state.step === 'file') {
    return (
      <section className="panel" aria-labelledby={`${config.idPrefix}-step-file`}>
        <h2 id={`${config.idPrefix}-step-file`}>1. Choose a file</h2>
        {config.hints}
        {error && (
          <ErrorNotice title="That file could not be read" message={error}>
            <p>Check that it is a CSV file (not .xlsx), saved as UTF-8, then choose it again or pick another file.</p>
          </ErrorNotice>
        )}
        <div className="field">
          <label htmlFor={`${config.idPrefix}-file`}>CSV file</label>
          <input id={`${config.idPrefix}-file`} type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" onChange={onFile} disabled={busy !== null} />
        </div>
        {busy === 'file' && <Busy label="Reading and checking the file…" />}
      </section>
    );
  }

  if (state.step === 'done') {
    const { counts, note } = config.result(state.result);
    return (
      <section className="panel" aria-labelledby={`${config.idPrefix}-finished`}>
        <h2 id={`${config.idPrefix}-finished`}>Import finished</h2>
        <Counts label="Import result" counts={counts} />
        {note && <p>{note}</p>}
        <div className="form-actions">
          <a className="btn btn-primary" href={config.done.href}>{config.done.label}</a>
          <button type="button" className="btn" onClick={restart}>Import another file</button>
        </div>
      </section>
    );
  }

  const review = state;
  const { preview } = review;
  const onMapping = (field: string, header: string | null) => {
    const mapping = { ...review.mapping, [field]: header };
    setState({ ...review, mapping });
    void run('preview', () => config.preview({ csvText: review.csvText, fileName: review.fileName, mapping }), (next) =>
      setState((prev) => (prev.step === 'review' ? { ...prev, preview: next, mapping: next.mapping } : prev)),
    );
  };
  const onCommit = () =>
    void run(
      'commit',
      () => config.commit({ csvText: review.csvText, fileName: review.fileName, mapping: review.mapping, duplicateActions: review.actions }),
      (result) => setState({ step: 'done', result }),
    );
  const setAction = (line: number, action: DuplicateAction) =>
    setState((prev) => (prev.step === 'review' ? { ...prev, actions: { ...prev.actions, [String(line)]: action } } : prev));

  return (
    <section className="panel" aria-labelledby={`${config.idPrefix}-step-review`}>
      <h2 id={`${config.idPrefix}-step-review`}>2. Check columns and rows</h2>
      <p className="muted">
        File <strong>{review.fileName}</strong>.{' '}
        <button type="button" className="btn-link" onClick={restart} disabled={busy !== null}>Choose another file</button>
      </p>
      <SourceNote source={preview.source} />
      {error && <ErrorNotice title="That did not work" message={error} />}
      <Counts
        label="Import summary"
        counts={[['Rows in file', preview.totalRows], ['Ready to import', preview.acceptedRows], ['With a value left out', new Set(preview.warnings.map((w) => w.line)).size], ...(config.counts?.(preview) ?? []), ['Rejected', preview.rejected.length]]}
      />
      <FieldMapping idPrefix={config.idPrefix} fields={config.fields} headers={preview.headers} mapping={review.mapping} disabled={busy !== null} onChange={onMapping} />
      {busy === 'preview' && <Busy label="Checking rows…" />}
      <Rejected rows={preview.rejected} />
      <WarningsTable rows={preview.warnings} noun={config.one} />
      {config.review(preview, review.actions, setAction)}
      <div className="form-actions">
        <GuardedButton action={config.action} className="btn btn-primary" onClick={onCommit} disabled={busy !== null || !config.canCommit(preview, review.actions)}>
          {config.commitLabel(preview, review.actions)}
        </GuardedButton>
        {busy === 'commit' && <Busy label="Importing…" />}
      </div>
    </section>
  );
}
