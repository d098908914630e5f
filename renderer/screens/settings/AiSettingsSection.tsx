// "AI drafting": the key (write-only), whether AI refines drafts at all, and how it calls Gemini.
import type { AiSettings, SettingsView } from '../../../shared/domain/settings';
import { Field, describe } from '../../components/Field';
import { numberOf } from './fieldErrors';
import { HEADINGS } from './headings';
import { SecretField } from './SecretField';
import { useSecret } from './useSecret';
import { useSettingsSection } from './useSettingsSection';
import { saveOnCtrlS } from './useSectionShortcut';
import { SectionForm } from './SectionForm';

interface AiForm {
  enabled: boolean;
  model: string;
  baseUrl: string;
  requestsPerMinute: string;
  timeoutSeconds: string;
}

const formOf = (ai: AiSettings): AiForm => ({
  enabled: ai.enabled,
  model: ai.model,
  baseUrl: ai.baseUrl,
  requestsPerMinute: String(ai.requestsPerMinute),
  timeoutSeconds: String(ai.timeoutSeconds),
});

/** What the form would save, or the fields that need fixing first. */
function check(f: AiForm): { ai: Partial<AiSettings>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const rpm = numberOf(f.requestsPerMinute);
  const timeout = numberOf(f.timeoutSeconds);
  if (rpm === null || !Number.isInteger(rpm)) errors.requestsPerMinute = 'A whole number, like 10';
  if (timeout === null || !Number.isInteger(timeout)) errors.timeoutSeconds = 'A whole number of seconds, like 60';
  if (f.model.trim() === '') errors.model = 'Name a model, e.g. gemini-2.5-flash';
  return {
    ai: { enabled: f.enabled, model: f.model.trim(), baseUrl: f.baseUrl.trim(), requestsPerMinute: rpm ?? 0, timeoutSeconds: timeout ?? 0 },
    errors,
  };
}

export function AiSettingsSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { form, setForm, errors, setErrors, busy, dirty, save } = useSettingsSection({
    view,
    onSaved,
    storedOf: (v) => v.ai,
    formOf,
    check: (f) => {
      const { ai, errors: own } = check(f);
      if (view.baseUrlOverride) delete ai.baseUrl;
      return { update: { ai }, errors: own };
    },
    errorPrefix: 'ai.',
    savedMessage: 'AI drafting settings saved',
  });

  const key = useSecret({ name: 'geminiApiKey', view, onSaved, emptyError: 'Paste the key from Google AI Studio' });

  const set = <K extends keyof AiForm>(field: K, value: AiForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => {
      if (!(field in e)) return e;
      const { [field]: _gone, ...rest } = e;
      return rest;
    });
  };

  const err = (k: keyof AiForm) => errors[k];
  return (
    <section className="settings-section" aria-labelledby={HEADINGS.ai.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.ai.id} tabIndex={-1}>{HEADINGS.ai.title}</h2>
        <p className="muted">
          Invoices drafted from a sentence are made offline at once; with a key, Gemini then refines them in the background (see Queue).
        </p>
      </div>

      <div onKeyDown={saveOnCtrlS(() => key.editing && void key.store(key.value))}>
        <SecretField secret={key} view={view} noun="key" idleHint="No key yet: sentences are drafted offline only." help="Get a key at Google AI Studio." />
      </div>

      <SectionForm onSave={save}>
        <label className="switch settings-switch">
          <input type="checkbox" role="switch" aria-describedby="settings-ai-enabled-hint" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
          <span>Refine drafts with AI</span>
        </label>
        <p id="settings-ai-enabled-hint" className="field-hint settings-switch-hint">
          {form.enabled ? 'Drafts from a sentence are sent to Gemini to check and tidy up.' : 'Off: nothing is sent to Gemini; sentences are drafted offline only.'}
        </p>

        <div className="settings-grid">
          <Field id="settings-ai-model" label="Model" error={err('model')} hint="e.g. gemini-2.5-flash">
            <input {...describe('settings-ai-model', err('model'), 'hint')} type="text" spellCheck={false} value={form.model} onChange={(e) => set('model', e.target.value)} />
          </Field>
          <Field
            id="settings-ai-base-url"
            label="Base URL"
            error={err('baseUrl')}
            hint={view.baseUrlOverride ? `Overridden by BILLBOOK_GEMINI_BASE_URL: ${view.baseUrlOverride}` : 'Where Gemini is reached; change only for a proxy'}
          >
            <input
              {...describe('settings-ai-base-url', err('baseUrl'), 'hint')}
              type="text"
              inputMode="url"
              spellCheck={false}
              disabled={view.baseUrlOverride !== null}
              value={view.baseUrlOverride ?? form.baseUrl}
              onChange={(e) => set('baseUrl', e.target.value)}
            />
          </Field>
          <Field id="settings-ai-rpm" label="Requests per minute" error={err('requestsPerMinute')} hint="Your key’s limit; the queue never sends faster">
            <input {...describe('settings-ai-rpm', err('requestsPerMinute'), 'hint')} type="number" min={1} max={10000} step={1} value={form.requestsPerMinute} onChange={(e) => set('requestsPerMinute', e.target.value)} />
          </Field>
          <Field id="settings-ai-timeout" label="Timeout (seconds)" error={err('timeoutSeconds')} hint="How long one request may take before it is retried">
            <input {...describe('settings-ai-timeout', err('timeoutSeconds'), 'hint')} type="number" min={5} max={300} step={1} value={form.timeoutSeconds} onChange={(e) => set('timeoutSeconds', e.target.value)} />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save AI settings'}</button>
          {dirty && <span className="settings-dirty">Unsaved changes</span>}
        </div>
      </SectionForm>
    </section>
  );
}
