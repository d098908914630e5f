// Import customers from CSV: choose a file, check mapping and rows, import, see the result.
import { useRef, useState } from 'react';
import { invoke } from '../../../api';
import type { ImportHeldBack, ImportPreview, ImportResult } from '../../../../shared/contract';
import { errorMessage } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { toast } from '../../../stores/toasts';
import type { DuplicateAction } from './fields';
import { FileStep } from './FileStep';
import { ResultStep } from './ResultStep';
import { ReviewStep } from './ReviewStep';

interface Review {
  csvText: string;
  fileName: string;
  preview: ImportPreview;
  mapping: Record<string, string | null>;
  /** From the first check, the proposal: later checks use the person's mapping and hold nothing back. */
  heldBack: ImportHeldBack[];
  actions: Record<string, DuplicateAction>;
}

type Step = { step: 'file' } | ({ step: 'review' } & Review) | { step: 'done'; result: ImportResult };

/** Keeps the choices for duplicates still present after a re-check. */
function keptActions(actions: Record<string, DuplicateAction>, preview: ImportPreview): Record<string, DuplicateAction> {
  const kept: Record<string, DuplicateAction> = {};
  for (const d of preview.duplicates) {
    const action = actions[String(d.line)];
    if (action) kept[String(d.line)] = action;
  }
  return kept;
}

export function ImportWizard() {
  const [state, setState] = useState<Step>({ step: 'file' });
  const [busy, setBusy] = useState<'file' | 'preview' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  const restart = () => {
    request.current++;
    setState({ step: 'file' });
    setBusy(null);
    setError(null);
  };

  const onFile = async (file: File) => {
    const mine = ++request.current;
    setBusy('file');
    setError(null);
    try {
      const csvText = await file.text();
      const preview = await invoke('customers.import.preview', { csvText, fileName: file.name });
      if (mine !== request.current) return;
      setState({ step: 'review', csvText, fileName: file.name, preview, mapping: preview.mapping, heldBack: preview.heldBack, actions: {} });
    } catch (e) {
      if (mine === request.current) setError(errorMessage(e));
    } finally {
      if (mine === request.current) setBusy(null);
    }
  };

  if (state.step === 'file' || state.step === 'done') {
    return (
      <section className="screen screen-import">
        <p className="breadcrumb"><a href={paths.customers()}>Customers</a></p>
        <h1>Import customers</h1>
        {state.step === 'file' ? (
          <FileStep busy={busy === 'file'} error={error} onFile={(f) => void onFile(f)} />
        ) : (
          <ResultStep result={state.result} onAnother={restart} />
        )}
      </section>
    );
  }

  const review = state;
  const onMapping = async (field: string, header: string | null) => {
    const mapping = { ...review.mapping, [field]: header };
    const mine = ++request.current;
    setState({ ...review, mapping });
    setBusy('preview');
    setError(null);
    try {
      const preview = await invoke('customers.import.preview', { csvText: review.csvText, fileName: review.fileName, mapping });
      if (mine !== request.current) return;
      setState((prev) =>
        prev.step === 'review' ? { ...prev, mapping: preview.mapping, preview, actions: keptActions(prev.actions, preview) } : prev,
      );
    } catch (e) {
      if (mine === request.current) setError(errorMessage(e));
    } finally {
      if (mine === request.current) setBusy(null);
    }
  };

  const onCommit = async () => {
    const mine = ++request.current;
    setBusy('commit');
    setError(null);
    try {
      const result = await invoke('customers.import.commit', {
        csvText: review.csvText,
        fileName: review.fileName,
        mapping: review.mapping,
        duplicateActions: review.actions,
      });
      if (mine !== request.current) return;
      setState({ step: 'done', result });
      toast.success(`Import finished: ${result.created} created, ${result.updated} updated`);
    } catch (e) {
      if (mine === request.current) setError(errorMessage(e));
    } finally {
      if (mine === request.current) setBusy(null);
    }
  };

  const setAction = (line: number, action: DuplicateAction) =>
    setState((prev) => (prev.step === 'review' ? { ...prev, actions: { ...prev.actions, [String(line)]: action } } : prev));
  const setAll = (action: DuplicateAction) =>
    setState((prev) =>
      prev.step === 'review'
        ? { ...prev, actions: Object.fromEntries(prev.preview.duplicates.map((d) => [String(d.line), action])) }
        : prev,
    );

  return (
    <section className="screen screen-import">
      <p className="breadcrumb"><a href={paths.customers()}>Customers</a></p>
      <h1>Import customers</h1>
      <ReviewStep
        preview={review.preview}
        mapping={review.mapping}
        heldBack={review.heldBack}
        actions={review.actions}
        busy={busy === 'file' ? null : busy}
        error={error}
        onMapping={(f, h) => void onMapping(f, h)}
        onAction={setAction}
        onAllActions={setAll}
        onCommit={() => void onCommit()}
        onRestart={restart}
      />
    </section>
  );
}
