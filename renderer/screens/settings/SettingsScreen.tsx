// Settings: AI drafting (the Gemini key, model and pace) and the analytics thresholds, each saved on its own.
import { invoke } from '../../api';
import type { SettingsView } from '../../../shared/domain/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { MOD_KEY } from '../../lib/modKey';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';
import { AiSettingsSection } from './AiSettingsSection';
import { ThresholdsSection } from './ThresholdsSection';
import './settings.css';

export function SettingsScreen() {
  const changed = useEventCount('settings.changed');
  const settings = useRemote<SettingsView>(() => invoke('settings.get', {}), String(changed));
  return (
    <section className="screen settings-screen">
      <header className="screen-header">
        <div>
          <h1>Settings</h1>
          <p className="muted screen-intro">
            Each section saves on its own (<kbd>{MOD_KEY}</kbd>+<kbd>S</kbd> inside it).
          </p>
        </div>
      </header>
      {settings.state === 'loading' && <Loading label="Loading settings…" />}
      {settings.state === 'failed' && (
        <ErrorNotice title="Settings could not be loaded" message={settings.message}>
          <button type="button" className="btn" onClick={settings.reload}>Try again</button>
        </ErrorNotice>
      )}
      {settings.state === 'ready' && (
        <div className="settings-sections">
          <AiSettingsSection view={settings.value} onSaved={settings.set} />
          <ThresholdsSection view={settings.value} onSaved={settings.set} />
        </div>
      )}
    </section>
  );
}
