// Addresses or numbers as chips: typed, pasted (comma separated) or prefilled; each removable.
import type { KeyboardEvent } from 'react';
import { describe } from '../../components/Field';
import { commitEntries, type RecipientKind } from './sendForm';

interface RecipientsInputProps {
  id: string;
  kind: RecipientKind;
  label: string;
  /** Names the list of chips, e.g. "Email addresses". */
  listLabel: string;
  hint: string;
  placeholder: string;
  values: string[];
  /** What is typed but not yet a chip. */
  text: string;
  onChange: (values: string[], text: string) => void;
  /** A problem with what was typed, or the backend's word on the list. */
  error?: string | undefined;
  onProblem: (problem: string | null) => void;
  /** Where a phone number written the local way is read (ISO code, e.g. "KE"). */
  country: string;
}

export function RecipientsInput({ id, kind, label, listLabel, hint, placeholder, values, text, onChange, error, onProblem, country }: RecipientsInputProps) {
  const commit = () => {
    if (!text.trim()) return;
    const done = commitEntries(kind, values, text, country);
    onChange(done.values, done.text);
    onProblem(done.problem);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      // Enter adds the entry; it never submits the dialog from here.
      if (text.trim() || event.key !== 'Enter') event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && text === '' && values.length > 0) {
      event.preventDefault();
      onChange(values.slice(0, -1), '');
    }
  };

  const onType = (next: string) => {
    // A pasted list ("a@b.co, c@d.co") becomes chips at once.
    if (/[,;\n]/.test(next)) {
      const done = commitEntries(kind, values, next, country);
      onChange(done.values, done.text);
      onProblem(done.problem);
      return;
    }
    onChange(values, next);
    if (error) onProblem(null);
  };

  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="rcpt-box">
        {values.length > 0 && (
          <ul className="rcpt-chips" aria-label={listLabel}>
            {values.map((v) => (
              <li key={v} className="rcpt-chip">
                <span className="rcpt-chip-text">{v}</span>
                <button
                  type="button"
                  className="rcpt-chip-remove"
                  aria-label={`Remove ${v}`}
                  onClick={() => onChange(values.filter((x) => x !== v), text)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          {...describe(id, error, hint)}
          type={kind === 'email' ? 'text' : 'tel'}
          inputMode={kind === 'email' ? 'email' : 'tel'}
          className="rcpt-input"
          value={text}
          placeholder={values.length ? 'Add another' : placeholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onType(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={commit}
        />
      </div>
      <p id={`${id}-hint`} className="field-hint">{hint}</p>
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}
