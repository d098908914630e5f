// The Gemini API key: write-only. The screen learns only whether one is saved; the key itself is
// sent once, to the secret store, and never shown again.
import { useState } from 'react';
import { invoke } from '../../api';
import type { SettingsView } from '../../../shared/domain/settings';
import { describe } from '../../components/Field';
import { errorMessage } from '../../lib/format';
import { toast } from '../../stores/toasts';
import { sectionErrors } from './fieldErrors';

const KEY_ID = 'settings-gemini-key';

export function ApiKeyField({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const [replacing, setReplacing] = useState(false);
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const editing = !view.geminiKeySet || replacing;

  const store = async (value: string | null) => {
    if (busy) return;
    if (value !== null && value.trim() === '') {
      setError('Paste the key from Google AI Studio');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const next = await invoke('settings.setSecret', { name: 'geminiApiKey', value });
      setKey('');
      setReplacing(false);
      onSaved(next);
      toast.success(value === null ? 'Gemini API key removed' : 'Gemini API key saved');
    } catch (e) {
      setError(sectionErrors(e, '').value ?? errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="api-key">
      {!editing ? (
        <div className="api-key-saved">
          <p className="api-key-title">Gemini API key</p>
          <p className="api-key-state" role="status">
            <span className="badge badge-pay-good">Saved</span> A key is saved (stored: {view.secretStorage}). It is never shown again.
          </p>
          <div className="inline-actions">
            <button type="button" className="btn" onClick={() => setReplacing(true)}>Replace key</button>
            <button type="button" className="btn" disabled={busy} onClick={() => void store(null)}>Remove key</button>
          </div>
        </div>
      ) : (
        <form
          className="api-key-form"
          onSubmit={(e) => {
            e.preventDefault();
            void store(key);
          }}
        >
          <div className={`field${error ? ' field-invalid' : ''}`}>
            <label htmlFor={KEY_ID}>{replacing ? 'New Gemini API key' : 'Gemini API key'}</label>
            <div className="api-key-row">
              <input
                {...describe(KEY_ID, error, 'hint')}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={key}
                onChange={(e) => {
                  setKey(e.target.value);
                  setError(undefined);
                }}
              />
              <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save key'}</button>
              {replacing && <button type="button" className="btn" onClick={() => { setReplacing(false); setKey(''); setError(undefined); }}>Keep the saved key</button>}
            </div>
            <p id={`${KEY_ID}-hint`} className="field-hint">
              {view.geminiKeySet ? 'Replaces the saved key.' : 'No key yet: sentences are drafted offline only.'} Get a key at Google AI Studio. Where it
              is kept: {view.secretStorage}. It is never shown again.
            </p>
            {error && <p id={`${KEY_ID}-error`} className="field-error">{error}</p>}
          </div>
        </form>
      )}
    </div>
  );
}
