// The draft editor's state: values, which errors to show, and whether anything is unsaved.
// A field's own error shows once the person has left it (or tried to save); a backend error shows
// until that field changes.
import { useCallback, useMemo, useState } from 'react';
import {
  checkDraft,
  emptyLine,
  filledLineIndex,
  liveTotals,
  snapshotOf,
  type DraftCheck,
  type DraftValues,
  type LineField,
  type LineValues,
  type LiveTotals,
} from './draftValues';

export interface DraftFormApi {
  values: DraftValues;
  check: DraftCheck;
  live: LiveTotals;
  dirty: boolean;
  /** The error to show for a schema key, e.g. "dueDate" or "lines.2.unitPriceMinor". */
  errorOf: (key: string) => string | undefined;
  set: <K extends keyof DraftValues>(field: K, value: DraftValues[K], errorKey?: string) => void;
  patch: (patch: Partial<DraftValues>, errorKeys: string[]) => void;
  setLine: <F extends LineInput>(index: number, field: F, value: LineValues[F]) => void;
  addLine: () => void;
  /** A line filled from the catalog, at filledLineIndex: in place of an untouched empty last line, else added. */
  addFilledLine: (line: Omit<LineValues, 'key'>) => void;
  removeLine: (index: number) => void;
  moveLine: (index: number, by: -1 | 1) => void;
  touch: (key: string) => void;
  touchLine: (index: number, field: LineField) => void;
  /** Shows every error; true when there is none. */
  submit: () => boolean;
  showServerErrors: (errors: Record<string, string>) => void;
  /** Replaces everything, as after a reload or a restore; `saved` (default: `values`) is the new baseline. */
  reset: (values: DraftValues, saved?: DraftValues) => void;
  /** The values just saved are the new baseline for "unsaved changes". */
  markSaved: (saved: DraftValues) => void;
}

type LineInput = keyof Omit<LineValues, 'key'>;

const LINE_FIELD_OF: Record<LineInput, LineField> = {
  description: 'description',
  quantity: 'quantityMilli',
  unit: 'unit',
  unitPrice: 'unitPriceMinor',
  taxRate: 'taxRateBp',
  priceIncludesTax: 'priceIncludesTax',
  itemId: 'itemId',
};

function without(errors: Record<string, string>, keys: string[]): Record<string, string> {
  if (!keys.some((k) => k in errors)) return errors;
  const next = { ...errors };
  for (const k of keys) delete next[k];
  return next;
}

const withoutLines = (errors: Record<string, string>) =>
  without(errors, Object.keys(errors).filter((k) => k === 'lines' || k.startsWith('lines.')));

/** `saved`: the values as saved, when the editor starts from something else (default: `initial`). */
export function useDraftForm(initial: DraftValues, saved: DraftValues = initial): DraftFormApi {
  const [values, setValues] = useState(initial);
  const [baseline, setBaseline] = useState(() => snapshotOf(saved));
  // Keys of fields the person has left: plain keys, or "<line key>:<field>" for line inputs.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  const check = useMemo(() => checkDraft(values), [values]);
  const live = useMemo(() => liveTotals(values, check), [values, check]);
  const snapshot = useMemo(() => snapshotOf(values), [values]);

  const errorOf = useCallback(
    (key: string) => {
      const server = serverErrors[key];
      if (server) return server;
      const own = check.errors[key];
      if (!own) return undefined;
      if (submitted) return own;
      const m = /^lines\.(\d+)\.(\w+)$/.exec(key);
      const touchKey = m ? `${values.lines[Number(m[1])]?.key ?? ''}:${m[2]}` : key;
      return touched.has(touchKey) ? own : undefined;
    },
    [serverErrors, check, submitted, touched, values.lines],
  );

  const set = useCallback(<K extends keyof DraftValues>(field: K, value: DraftValues[K], errorKey?: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => without(e, [errorKey ?? String(field)]));
  }, []);

  const patch = useCallback((p: Partial<DraftValues>, errorKeys: string[]) => {
    setValues((v) => ({ ...v, ...p }));
    setServerErrors((e) => without(e, errorKeys));
  }, []);

  const setLine = useCallback(<F extends LineInput>(index: number, field: F, value: LineValues[F]) => {
    setValues((v) => ({ ...v, lines: v.lines.map((l, i) => (i === index ? { ...l, [field]: value } : l)) }));
    setServerErrors((e) => without(e, [`lines.${index}.${LINE_FIELD_OF[field]}`, 'lines']));
  }, []);

  const addLine = useCallback(() => {
    setValues((v) => {
      const last = v.lines[v.lines.length - 1];
      // A new line starts with the tax rate of the one above: most invoices use one rate throughout.
      const line = { ...emptyLine(), ...(last ? { taxRate: last.taxRate } : {}) };
      return { ...v, lines: [...v.lines, line] };
    });
    setServerErrors(withoutLines);
  }, []);

  const addFilledLine = useCallback((line: Omit<LineValues, 'key'>) => {
    setValues((v) => {
      const at = filledLineIndex(v.lines);
      const lines = [...v.lines];
      lines[at] = { ...line, key: v.lines[at]?.key ?? emptyLine().key };
      return { ...v, lines };
    });
    setServerErrors(withoutLines);
  }, []);

  const removeLine = useCallback((index: number) => {
    setValues((v) => ({ ...v, lines: v.lines.filter((_, i) => i !== index) }));
    setServerErrors(withoutLines);
  }, []);

  const moveLine = useCallback((index: number, by: -1 | 1) => {
    setValues((v) => {
      const to = index + by;
      if (to < 0 || to >= v.lines.length) return v;
      const lines = [...v.lines];
      [lines[index], lines[to]] = [lines[to]!, lines[index]!];
      return { ...v, lines };
    });
    setServerErrors(withoutLines);
  }, []);

  const touch = useCallback((key: string) => {
    setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));
  }, []);

  const touchLine = useCallback(
    (index: number, field: LineField) => {
      const line = values.lines[index];
      if (line) touch(`${line.key}:${field}`);
    },
    [values.lines, touch],
  );

  const submit = useCallback(() => {
    setSubmitted(true);
    return Object.keys(check.errors).length === 0;
  }, [check]);

  const reset = useCallback((next: DraftValues, savedAs: DraftValues = next) => {
    setValues(next);
    setBaseline(snapshotOf(savedAs));
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
  }, []);

  const markSaved = useCallback((saved: DraftValues) => {
    setBaseline(snapshotOf(saved));
    setSubmitted(false);
    setServerErrors({});
  }, []);

  return {
    values,
    check,
    live,
    dirty: snapshot !== baseline,
    errorOf,
    set,
    patch,
    setLine,
    addLine,
    addFilledLine,
    removeLine,
    moveLine,
    touch,
    touchLine,
    submit,
    showServerErrors: setServerErrors,
    reset,
    markSaved,
  };
}
