// "Draft from a sentence" on the New invoice screen: a sentence in, a live offline preview, and
// "Generate draft" (Ctrl+Enter), which saves the offline draft and queues its AI refinement.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { buildCatalogIndex, type CatalogEntry } from '../../../../shared/drafting/catalog';
import { invoke } from '../../../api';
import type { Invoice } from '../../../../shared/domain/invoice';
import { AppError } from '../../../../shared/errors';
import { formatMoney } from '../../../../shared/money';
import { errorMessage, plural } from '../../../lib/format';
import { MOD_KEY } from '../../../lib/modKey';
import { useDebounced } from '../../../lib/useDebounced';
import { todayLocal } from '../../../lib/clock';
import type { DraftFormApi } from '../useDraftForm';
import { QUICK_PROMPTS } from './quickPrompts';
import { readSentence, type ReadResult } from './readSentence';
import { useBusinessDefaults } from '../../../stores/business';
import { SentencePreview } from './SentencePreview';
import './sentence.css';
import { GuardedButton } from '../../../components/Guarded';

const PROMPT_ID = 'sentence-prompt';

interface SentenceDraftProps {
  form: DraftFormApi;
  /** The draft was made: the editor moves to it. */
  onGenerated: (draft: Invoice) => void;
}

function summaryOf(result: ReadResult): string {
  if (!result?.ok) return '';
  const { parsed, totalMinor } = result.reading;
  if (parsed.lines.length === 0) return 'Preview: no lines found yet';
  const total = totalMinor === null ? '' : `, total ${formatMoney(totalMinor, parsed.currency)}`;
  return `Preview: ${plural(parsed.lines.length, 'line')}${total}`;
}

export function SentenceDraft({ form, onGenerated }: SentenceDraftProps) {
  const [prompt, setPrompt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const { customer, issueDate } = form.values;
  const currency = customer?.currency ?? form.values.currency;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(issueDate) ? issueDate : todayLocal();
  // Read again when Settings change the business's VAT.
  const vat = useBusinessDefaults((s) => `${s.vatRegistered}:${s.lineTaxRateBp}`);

  // The catalog items this sentence may name, from the backend: the preview then reads it as
  // "Generate draft" will. Until they arrive the last ones stand, so typing never waits.
  const [entries, setEntries] = useState<CatalogEntry[]>([]);
  const catalogFor = useDebounced(prompt, 150);
  useEffect(() => {
    if (catalogFor.trim().length < 3) return;
    let live = true;
    invoke('items.forSentence', { sentence: catalogFor }).then(
      (found) => {
        if (live) setEntries(found);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [catalogFor]);
  const catalog = useMemo(() => buildCatalogIndex(entries), [entries]);

  const result = useMemo(
    () => readSentence(prompt, { issueDate: day, currency, pricesIncludeTax: customer?.pricesIncludeTax ?? false, catalog }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- vat: read again when Settings change the business's VAT
    [prompt, day, currency, customer?.pricesIncludeTax, vat, catalog],
  );
  // Said once the typing pauses, not at every key.
  const summary = useDebounced(summaryOf(result), 700);

  const fill = (text: string) => {
    setPrompt(text);
    setError(null);
    window.requestAnimationFrame(() => boxRef.current?.focus());
  };

  const generate = async () => {
    if (busy) return;
    if (!customer) {
      setError('Choose a customer first: the draft is made out to them, in their currency.');
      document.getElementById('draft-customer')?.focus();
      return;
    }
    if (prompt.trim().length < 3) {
      setError('Describe what to bill, e.g. “3 months of web hosting at 15,000 per month”.');
      boxRef.current?.focus();
      return;
    }
    // Lines typed by hand below are not part of the sentence's draft.
    const typed = form.values.lines.some((l) => l.description.trim() !== '' || l.unitPrice.trim() !== '');
    if (typed && !window.confirm('Generating makes a new draft from the sentence. The lines typed below are not kept. Go ahead?')) return;
    setBusy(true);
    setError(null);
    try {
      const generated = await invoke('drafting.generate', { customerId: customer.id, prompt: prompt.trim(), issueDate: day });
      onGenerated(generated.draft);
    } catch (e) {
      const fieldMessage = e instanceof AppError ? e.fields?.prompt ?? e.fields?.customerId : undefined;
      setError(fieldMessage ?? errorMessage(e));
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    // Here Ctrl+Enter generates; the editor's own Ctrl+Enter (finalize) must not hear it.
    event.preventDefault();
    event.stopPropagation();
    void generate();
  };

  return (
    <section className="form-section sentence-draft" aria-labelledby="sentence-title">
      <div className="sentence-head">
        <h2 id="sentence-title">Draft from a sentence</h2>
        <p className="muted">
          Say what you are billing in your own words. Billbook drafts the lines at once, offline; AI tidies them up when it can.
        </p>
      </div>
      <div className="sentence-body">
        <div className="sentence-input">
          <div className={`field${error ? ' field-invalid' : ''}`}>
            <label htmlFor={PROMPT_ID}>Describe the invoice</label>
            <textarea
              ref={boxRef}
              id={PROMPT_ID}
              rows={3}
              maxLength={2000}
              placeholder={`3 months of web hosting at ${currency} 15,000 per month`}
              value={prompt}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${PROMPT_ID}-hint${error ? ` ${PROMPT_ID}-error` : ''}`}
              aria-keyshortcuts="Control+Enter"
              onChange={(e) => {
                setPrompt(e.target.value);
                setError(null);
              }}
              onKeyDown={onKeyDown}
            />
            <p id={`${PROMPT_ID}-hint`} className="field-hint">
              Quantities, prices, “per month”, a discount, VAT and a due date are all understood.{' '}
              <kbd>{MOD_KEY}</kbd>+<kbd>Enter</kbd> generates.
            </p>
            {error && <p id={`${PROMPT_ID}-error`} className="field-error" role="alert">{error}</p>}
          </div>
          <div className="quick-prompts" role="group" aria-labelledby="quick-prompts-label">
            <span id="quick-prompts-label" className="muted">Start from</span>
            {QUICK_PROMPTS.map((q) => (
              <button key={q.name} type="button" className="btn btn-small" onClick={() => fill(q.text(currency, day))}>
                {q.name}
              </button>
            ))}
          </div>
          <div className="sentence-actions">
            <GuardedButton action="drafts.write" className="btn btn-primary" disabled={busy} onClick={() => void generate()}>
              {busy ? 'Drafting…' : 'Generate draft'}
            </GuardedButton>
            <span className="muted">{customer ? `For ${customer.name}` : 'Choose the customer above first'}</span>
          </div>
        </div>
        <SentencePreview result={result} hasCustomer={customer !== null} />
      </div>
      <p className="visually-hidden" role="status">{summary}</p>
      <p className="sentence-or muted">Or type the lines yourself below; nothing here is needed for that.</p>
    </section>
  );
}
