// Reports: a builder (rows, filters, grouping, measures) with export and saved definitions, and the VAT return.
import { useState } from 'react';
import { invoke } from '../../api';
import { AppError } from '../../../shared/errors';
import type { SavedReport } from '../../../shared/domain/analytics';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../lib/format';
import { useRemote } from '../../lib/useRemote';
import { useEventCount } from '../../lib/useEventCount';
import { BuilderForm } from './builder/BuilderForm';
import { EMPTY_FORM, fromDefinition, toDefinition, type FormProblems } from './reportForm';
import { useReportStore } from './reportStore';
import { ReportResults } from './results/ReportResults';
import { SavedReports } from './saved/SavedReports';
import { useRunShortcut } from './useRunShortcut';
import { VatReturn } from './vat/VatReturn';
import './reports.css';

/** The backend's field errors ("filters.to") onto the form's fields. */
function problemsFrom(error: AppError): FormProblems {
  const map: Record<string, keyof FormProblems> = {
    'filters.from': 'from', 'filters.to': 'to', 'filters.minAmountMinor': 'minAmount', 'filters.maxAmountMinor': 'maxAmount',
    measures: 'measures', groupBy: 'groupBy',
  };
  const problems: FormProblems = {};
  for (const [field, message] of Object.entries(error.fields ?? {})) {
    const key = map[field];
    if (key) problems[key] = message;
  }
  return problems;
}

export function ReportsScreen() {
  const [problems, setProblems] = useState<FormProblems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const form = useReportStore((s) => s.form);
  const result = useReportStore((s) => s.result);
  // Reports saved on another computer arrive with a sync.
  const arrived = useEventCount('sync.applied');
  const saved = useRemote(() => invoke('reports.list', {}), `saved|${arrived}`);

  const run = async () => {
    const { form: current } = useReportStore.getState();
    const { definition, problems: found } = toDefinition(current);
    setProblems(found);
    setFailure(null);
    if (!definition) return;
    setRunning(true);
    try {
      const value = await invoke('reports.run', definition);
      useReportStore.getState().setResult({ definition, value });
      // The results sit below the form, out of sight at 700 px: bring their heading into view.
      window.requestAnimationFrame(() => {
        const heading = document.querySelector<HTMLElement>('.report-results h2');
        if (!heading) return;
        heading.tabIndex = -1;
        heading.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
        heading.focus({ preventScroll: true });
      });
    } catch (e) {
      const fieldProblems = e instanceof AppError ? problemsFrom(e) : {};
      setProblems(fieldProblems);
      if (Object.keys(fieldProblems).length === 0) setFailure(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  useRunShortcut(() => {
    if (!running) void run();
  });

  const open = (report: SavedReport) => {
    useReportStore.getState().replaceForm(fromDefinition(report.definition), { id: report.id, name: report.name, version: report.version });
    void run();
  };
  const reset = () => {
    useReportStore.getState().replaceForm(EMPTY_FORM, null);
    useReportStore.getState().setResult(null);
    setProblems({});
    setFailure(null);
  };

  const current = toDefinition(form).definition;
  const stale = result !== null && JSON.stringify(current) !== JSON.stringify(result.definition);

  return (
    <section className="screen reports">
      <header className="screen-header">
        <div>
          <h1>Reports</h1>
          <p className="muted screen-subtitle">Build a report from invoices, payments or customers, export it, save it for next time — and the VAT return.</p>
        </div>
      </header>
      <div className="reports-top">
        <BuilderForm problems={problems} running={running} onRun={() => void run()} onReset={reset} />
        <SavedReports saved={saved} onOpen={open} />
      </div>
      {failure && (
        <ErrorNotice title="The report could not be run" message={failure}>
          <button type="button" className="btn" onClick={() => void run()}>Try again</button>
        </ErrorNotice>
      )}
      {result && <ReportResults definition={result.definition} result={result.value} stale={stale} onSaved={saved.reload} />}
      <VatReturn />
    </section>
  );
}
