// "Analytics thresholds": when each KPI turns amber (warning) and red (critical).
import type { KpiThresholds, SettingsView } from '../../../shared/domain/settings';
import { numberOf } from './fieldErrors';
import { HEADINGS } from './headings';
import { useSettingsSection } from './useSettingsSection';
import { SectionForm } from './SectionForm';

type Kpi = keyof KpiThresholds;
type Level = 'warning' | 'critical';

const KPIS: { key: Kpi; name: string; unit: string; worse: string }[] = [
  { key: 'collectionRatePct', name: 'Collected of what fell due', unit: '%', worse: 'Lower is worse: critical must be at or below warning.' },
  { key: 'averageDaysToPay', name: 'Average days to pay', unit: 'days', worse: 'Higher is worse: critical must be at or above warning.' },
  { key: 'invoiceVolumeChangePct', name: 'Invoice volume change', unit: '%', worse: 'Lower is worse (a fall, e.g. −20): critical must be at or below warning.' },
];

type Texts = Record<Kpi, Record<Level, string>>;

const textsOf = (t: KpiThresholds): Texts => ({
  collectionRatePct: { warning: String(t.collectionRatePct.warning), critical: String(t.collectionRatePct.critical) },
  averageDaysToPay: { warning: String(t.averageDaysToPay.warning), critical: String(t.averageDaysToPay.critical) },
  invoiceVolumeChangePct: { warning: String(t.invoiceVolumeChangePct.warning), critical: String(t.invoiceVolumeChangePct.critical) },
});

/** Errors by "<kpi>.<level>", or "<kpi>" for the pair (critical on the wrong side of warning). */
function check(texts: Texts): { thresholds: KpiThresholds | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const out = {} as Record<Kpi, Record<Level, number>>;
  for (const { key } of KPIS) {
    out[key] = { warning: 0, critical: 0 };
    for (const level of ['warning', 'critical'] as const) {
      const n = numberOf(texts[key][level]);
      if (n === null) errors[`${key}.${level}`] = 'Enter a number, like 80 or -12.5';
      else out[key][level] = n;
    }
  }
  return { thresholds: Object.keys(errors).length ? null : (out as KpiThresholds), errors };
}

export function ThresholdsSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { form: texts, setForm: setTexts, errors, setErrors, busy, dirty, save } = useSettingsSection({
    view,
    onSaved,
    storedOf: (v) => v.analytics.thresholds,
    formOf: textsOf,
    check: (t) => {
      const { thresholds, errors: own } = check(t);
      return { update: thresholds ? { analytics: { thresholds } } : null, errors: own };
    },
    errorPrefix: 'analytics.thresholds.',
    savedMessage: 'Analytics thresholds saved',
  });

  const set = (kpi: Kpi, level: Level, value: string) => {
    setTexts((t) => ({ ...t, [kpi]: { ...t[kpi], [level]: value } }));
    setErrors((e) => {
      const next = { ...e };
      delete next[`${kpi}.${level}`];
      delete next[kpi];
      return next;
    });
  };

  return (
    <section className="settings-section" aria-labelledby={HEADINGS.analytics.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.analytics.id} tabIndex={-1}>{HEADINGS.analytics.title}</h2>
        <p className="muted">When a number on the Analytics screen turns amber (warning) or red (critical).</p>
      </div>
      <SectionForm onSave={save}>
        <div className="thresholds">
          {KPIS.map(({ key, name, unit, worse }) => {
            const pairError = errors[key];
            return (
              <fieldset key={key} className={`threshold${pairError ? ' field-invalid' : ''}`} aria-describedby={`kpi-${key}-worse${pairError ? ` kpi-${key}-error` : ''}`}>
                <legend>{name}</legend>
                <p id={`kpi-${key}-worse`} className="field-hint threshold-worse">{worse}</p>
                <div className="threshold-inputs">
                  {(['warning', 'critical'] as const).map((level) => {
                    const id = `kpi-${key}-${level}`;
                    const error = errors[`${key}.${level}`];
                    return (
                      <div key={level} className={`field${error ? ' field-invalid' : ''}`}>
                        <label htmlFor={id}>{level === 'warning' ? 'Warning' : 'Critical'} <span className="visually-hidden">level for {name}</span></label>
                        <div className="input-affix">
                          <input
                            id={id}
                            type="number"
                            step="any"
                            value={texts[key][level]}
                            aria-invalid={error || pairError ? true : undefined}
                            aria-describedby={error ? `${id}-error` : undefined}
                            onChange={(e) => set(key, level, e.target.value)}
                          />
                          <span className="affix">{unit}</span>
                        </div>
                        {error && <p id={`${id}-error`} className="field-error">{error}</p>}
                      </div>
                    );
                  })}
                </div>
                {pairError && <p id={`kpi-${key}-error`} className="field-error">{pairError}</p>}
              </fieldset>
            );
          })}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save thresholds'}</button>
          {dirty && <span className="settings-dirty">Unsaved changes</span>}
        </div>
      </SectionForm>
    </section>
  );
}
