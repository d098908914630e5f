// A write-only secret box (Gemini API key, SMTP password, SMS provider keys): says whether one is
// saved and where, and offers Replace and Remove; a typed value is sent once and never shown again.
// Not a <form> of its own, so it can sit inside a section's form: Enter here saves only the secret.
import type { SettingsView } from '../../../shared/domain/settings';
import { describe } from '../../components/Field';
import type { Secret } from './useSecret';
import { GuardedButton } from '../../components/Guarded';

interface SecretFieldProps {
  secret: Secret;
  view: SettingsView;
  /** What it is called in buttons and sentences: "key", "password", "token". */
  noun: string;
  /** Said while none is saved, e.g. "No key yet: sentences are drafted offline only." */
  idleHint: string;
  /** Where to get one, or what it is for. */
  help: string;
}

export function SecretField({ secret, view, noun, idleHint, help }: SecretFieldProps) {
  const id = `settings-secret-${secret.name}`;
  const { label, error } = secret;
  // Cleared by the backend because the server it belonged to changed: say so until it is entered again.
  const cleared = secret.isSet ? undefined : view.secretNotices[secret.name];

  if (!secret.editing) {
    return (
      <div className="api-key api-key-saved">
        <p className="api-key-title">{label}</p>
        <p className="api-key-state" role="status">
          <span className="badge badge-pay-good">Saved</span> A {noun} is saved (stored: {view.secretStorage}). It is never shown again.
        </p>
        <div className="inline-actions">
          <GuardedButton action="settings.write" className="btn" onClick={secret.replace}>Replace {noun}</GuardedButton>
          <GuardedButton action="settings.write" className="btn" disabled={secret.busy} onClick={() => void secret.store(null)}>Remove {noun}</GuardedButton>
        </div>
      </div>
    );
  }

  return (
    <div className="api-key">
      {cleared && <p className="notice notice-warning" role="status">{cleared}</p>}
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{secret.replacing ? `New ${label}` : label}</label>
        <div className="api-key-row">
          <input
            {...describe(id, error, 'hint')}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={secret.value}
            onChange={(e) => secret.type(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              // Enter saves the secret, not the form around it.
              e.preventDefault();
              void secret.store(secret.value);
            }}
          />
          <GuardedButton action="settings.write" className="btn btn-primary" disabled={secret.busy} onClick={() => void secret.store(secret.value)}>
            {secret.busy ? 'Saving…' : `Save ${noun}`}
          </GuardedButton>
          {secret.replacing && <button type="button" className="btn" onClick={secret.keepSaved}>Keep the saved {noun}</button>}
        </div>
        <p id={`${id}-hint`} className="field-hint">
          {secret.isSet ? `Replaces the saved ${noun}.` : idleHint} {help} Where it is kept: {view.secretStorage}. It is never shown again.
        </p>
        {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      </div>
    </div>
  );
}
