// Settings: the business, how customers pay, email and SMS sending, reminders, AI drafting and the
// analytics thresholds. Each section saves on its own; "On this page" jumps between them.
import { invoke } from '../../api';
import type { SettingsView } from '../../../shared/domain/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { MOD_KEY } from '../../lib/modKey';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';
import { AiSettingsSection } from './AiSettingsSection';
import { BusinessSection } from './BusinessSection';
import { EmailSection } from './EmailSection';
import { PaymentSection } from './PaymentSection';
import { RemindersSection } from './RemindersSection';
import { SettingsToc } from './SettingsToc';
import { SmsSection } from './SmsSection';
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
        <div className="settings-layout">
          <SettingsToc />
          <div className="settings-sections">
            <BusinessSection view={settings.value} onSaved={settings.set} />
            <PaymentSection view={settings.value} onSaved={settings.set} />
            <EmailSection view={settings.value} onSaved={settings.set} />
            <SmsSection view={settings.value} onSaved={settings.set} />
            <RemindersSection view={settings.value} onSaved={settings.set} />
            <AiSettingsSection view={settings.value} onSaved={settings.set} />
            <ThresholdsSection view={settings.value} onSaved={settings.set} />
          </div>
        </div>
      )}
    </section>
  );
}
