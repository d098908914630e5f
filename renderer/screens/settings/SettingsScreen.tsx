// Settings: the business, how customers pay, email and SMS sending, reminders, AI drafting and the
// analytics thresholds. Each section saves on its own; "On this page" jumps between them.
import { useEffect, useRef } from 'react';
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
import { HEADINGS, type SectionKey } from './headings';
import { InvoicingSection } from './InvoicingSection';
import { AccountSection } from './account/AccountSection';
import { OnlinePaymentsSection } from './onlinePayments/OnlinePaymentsSection';
import { useCloud } from '../../stores/cloud';
import { EtimsSection } from './EtimsSection';
import './settings.css';
import { useCan } from '../../lib/useCan';

/** Opened at a section ("Open Settings" from the send dialog lands on Email): its heading scrolled to and focused once loaded. */
function useOpenAt(section: string | undefined, ready: boolean) {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current || !section || !(section in HEADINGS)) return;
    done.current = true;
    const heading = document.getElementById(HEADINGS[section as SectionKey].id);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }, [section, ready]);
}

export function SettingsScreen({ section }: { section?: string }) {
  const changed = useEventCount('settings.changed');
  const settings = useRemote<SettingsView>(() => invoke('settings.get', {}), String(changed));
  useOpenAt(section, settings.state === 'ready');
  const write = useCan('settings.write');
  const cloud = useCloud((s) => s.account);
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
      {!write.allowed && <p className="notice notice-info settings-readonly">{write.reason} Account &amp; sync is yours to change.</p>}
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
            <AccountSection />
            <BusinessSection view={settings.value} onSaved={settings.set} />
            <PaymentSection view={settings.value} onSaved={settings.set} />
            <OnlinePaymentsSection linked={Boolean(cloud?.org && cloud.device)} isOwner={cloud?.role === 'owner'} />
            <InvoicingSection view={settings.value} onSaved={settings.set} />
            <EmailSection view={settings.value} onSaved={settings.set} />
            <SmsSection view={settings.value} onSaved={settings.set} />
            <RemindersSection view={settings.value} onSaved={settings.set} />
            <AiSettingsSection view={settings.value} onSaved={settings.set} />
            <EtimsSection view={settings.value} onSaved={settings.set} />
            <ThresholdsSection view={settings.value} onSaved={settings.set} />
          </div>
        </div>
      )}
    </section>
  );
}
