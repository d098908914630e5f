// The sentence every draft is made from, with tokens ({month}, {customer}…) filled per customer.
import { useRef, type KeyboardEvent } from 'react';
import { BULK_TEMPLATE_TOKENS } from '../../../../shared/domain/drafting';

const TOKEN_HELP: Record<(typeof BULK_TEMPLATE_TOKENS)[number], string> = {
  '{month}': 'the issue date’s month, e.g. “November 2026”',
  '{previous_month}': 'the month before',
  '{year}': 'the issue date’s year',
  '{customer}': 'the customer’s name',
};

interface TemplateInputProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  error: string | undefined;
}

export function TemplateInput({ value, onChange, onSubmit, error }: TemplateInputProps) {
  const ref = useRef<HTMLTextAreaElement>(null);

  /** Puts the token where the cursor is (or over the selection), and the cursor after it. */
  const insert = (token: string) => {
    const box = ref.current;
    const start = box?.selectionStart ?? value.length;
    const end = box?.selectionEnd ?? value.length;
    const before = value.slice(0, start);
    const spaced = before && !/\s$/.test(before) ? ` ${token}` : token;
    onChange(`${before}${spaced}${value.slice(end)}`);
    window.requestAnimationFrame(() => {
      if (!box) return;
      box.focus();
      const at = start + spaced.length;
      box.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey) {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className={`field bulk-template${error ? ' field-invalid' : ''}`}>
      <label htmlFor="bulk-template">Sentence template</label>
      <textarea
        ref={ref}
        id="bulk-template"
        rows={3}
        maxLength={2000}
        placeholder="Monthly retainer for {month} at 20,000, due in 14 days"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`bulk-template-hint${error ? ' bulk-template-error' : ''}`}
        aria-keyshortcuts="Control+Enter"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="token-buttons" role="group" aria-label="Insert a token">
        {BULK_TEMPLATE_TOKENS.map((t) => (
          <button key={t} type="button" className="btn btn-small token" title={`Insert ${t}: ${TOKEN_HELP[t]}`} aria-label={`Insert ${t}`} onClick={() => insert(t)}>
            {t}
          </button>
        ))}
      </div>
      <p id="bulk-template-hint" className="field-hint">
        Tokens are filled in for each customer: {BULK_TEMPLATE_TOKENS.map((t, i) => (
          <span key={t}>{i > 0 && ', '}<code>{t}</code> is {TOKEN_HELP[t]}</span>
        ))}.
      </p>
      {error && <p id="bulk-template-error" className="field-error">{error}</p>}
    </div>
  );
}
