// "Email (SMTP)": the mail server invoices and reminders go through, the sign-in (the password is
// write-only), the sender, the pace, and a test that sends one email with the saved settings.
import { useState } from 'react';
import { invoke } from '../../api';
import { PLAIN_SMTP_REFUSED } from '../../../shared/channels/settings';
import { SMTP_SECURITY, SMTP_SECURITY_LABELS, type EmailSettings, type SettingsView } from '../../../shared/domain/settings';
import { isLocalHost } from '../../../shared/localHost';
import { Field, describe } from '../../components/Field';
import { ConnectionTest } from './ConnectionTest';
import { numberOf } from './fieldErrors';
import { HEADINGS } from './headings';
import { SecretField } from './SecretField';
import { SectionActions } from './SectionActions';
import { TextField } from './TextField';
import { useSecret, withSecret } from './useSecret';
import { useSettingsSection } from './useSettingsSection';
import { saveOnCtrlS } from './useSectionShortcut';
import { SectionForm } from './SectionForm';

type Security = EmailSettings['security'];
type EmailForm = Omit<EmailSettings, 'port' | 'messagesPerMinute' | 'timeoutSeconds'> & { port: string; messagesPerMinute: string; timeoutSeconds: string };

const USUAL_PORT: Record<Security, number> = { starttls: 587, tls: 465, none: 25 };
const SECURITY_NAME: Record<Security, string> = { starttls: 'STARTTLS', tls: 'TLS from the start', none: 'no encryption' };
const isUsualPort = (port: string) => port.trim() === '' || Object.values(USUAL_PORT).some((p) => String(p) === port.trim());

const formOf = (e: EmailSettings): EmailForm => ({
  ...e,
  port: String(e.port),
  messagesPerMinute: String(e.messagesPerMinute),
  timeoutSeconds: String(e.timeoutSeconds),
});

function check(f: EmailForm): { update: { email: EmailSettings }; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const whole = (text: string, key: string, message: string) => {
    const n = numberOf(text);
    if (n === null || !Number.isInteger(n)) errors[key] = message;
    return n ?? 0;
  };
  const port = whole(f.port, 'port', 'A whole number, like 587');
  const messagesPerMinute = whole(f.messagesPerMinute, 'messagesPerMinute', 'A whole number, like 60');
  const timeoutSeconds = whole(f.timeoutSeconds, 'timeoutSeconds', 'A whole number of seconds, like 30');
  // Said before saving; the backend refuses it too.
  if (f.security === 'none' && f.host.trim() !== '' && !isLocalHost(f.host)) errors.security = PLAIN_SMTP_REFUSED;
  return {
    update: {
      email: {
        host: f.host.trim(), port, security: f.security, user: f.user.trim(), fromName: f.fromName.trim(),
        fromAddress: f.fromAddress.trim(), replyTo: f.replyTo.trim(), messagesPerMinute, timeoutSeconds,
      },
    },
    errors,
  };
}

export function EmailSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { form, setForm, errors, clearErrors, busy, dirty, save } = useSettingsSection({
    view,
    onSaved,
    storedOf: (v) => v.email,
    formOf,
    check,
    errorPrefix: 'email.',
    savedMessage: 'Email settings saved',
  });
  const password = useSecret({ name: 'smtpPassword', view, onSaved, emptyError: 'Type the password, or leave the user name empty if the server needs no sign-in' });
  const [portNote, setPortNote] = useState<string | null>(null);
  const override = view.endpointOverrides.smtp;
  const { unsaved, saveAll } = withSecret({ dirty, save }, password);

  const set = <K extends keyof EmailForm>(field: K) => (value: EmailForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    clearErrors(field);
    if (field === 'port') setPortNote(null);
  };
  const setSecurity = (security: Security) => {
    const usual = String(USUAL_PORT[security]);
    const movePort = isUsualPort(form.port) && form.port.trim() !== usual && !override;
    setForm((f) => ({ ...f, security, port: movePort ? usual : f.port }));
    clearErrors('security', ...(movePort ? ['port'] : []));
    setPortNote(movePort ? `Port changed to ${usual}, the usual port for ${SECURITY_NAME[security]}.` : null);
  };

  const securityError = errors.security;

  return (
    <section className="settings-section" aria-labelledby={HEADINGS.email.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.email.id} tabIndex={-1}>{HEADINGS.email.title}</h2>
        <p className="muted">
          The mail server that sends your invoices, reminders and receipts. Your email provider’s help pages list these settings under “SMTP” (for
          Gmail or Microsoft 365, create an app password first).
        </p>
      </div>
      {override && (
        <p className="notice notice-warning settings-override">
          The server’s host and port are overridden by BILLBOOK_SMTP_HOST / BILLBOOK_SMTP_PORT: emails go to <strong>{override?.host}:{override?.port}</strong>.
          The host and port saved here apply again once the override is removed.
        </p>
      )}
      <SectionForm onSave={saveAll}>
        <div className="settings-subsection">
          <h3>Server</h3>
          <div className="settings-grid email-server-grid">
            <TextField
              id="settings-email-host"
              label="SMTP host"
              spellCheck={false}
              autoComplete="off"
              disabled={override !== null}
              value={override?.host ?? form.host}
              onValue={set('host')}
              error={errors.host}
              hint={override ? 'Set by BILLBOOK_SMTP_HOST (see above)' : 'e.g. smtp.gmail.com or mail.yourdomain.co.ke'}
            />
            <TextField
              id="settings-email-port"
              label="Port"
              type="number"
              min={1}
              max={65535}
              step={1}
              disabled={override !== null}
              value={override ? String(override.port) : form.port}
              onValue={set('port')}
              error={errors.port}
              hint={override ? 'Set by BILLBOOK_SMTP_PORT' : (portNote ?? 'Usually 587 or 465')}
            />
            <Field id="settings-email-security" label="Security" error={securityError} hint="Your provider’s SMTP page says which">
              <select {...describe('settings-email-security', securityError, 'hint')} value={form.security} onChange={(e) => setSecurity(e.target.value as Security)}>
                {SMTP_SECURITY.map((s) => <option key={s} value={s}>{SMTP_SECURITY_LABELS[s]}</option>)}
              </select>
            </Field>
          </div>
        </div>

        <div className="settings-subsection">
          <h3>Sign-in</h3>
          <div className="settings-grid">
            <TextField
              id="settings-email-user"
              label="User name"
              autoComplete="off"
              spellCheck={false}
              value={form.user}
              onValue={set('user')}
              error={errors.user}
              hint="Usually your full email address. Leave empty if the server needs no sign-in."
            />
            <SecretField
              secret={password}
              view={view}
              noun="password"
              idleHint="No password saved yet."
              help="Use an app password where your provider offers one; “Save email settings” saves it too."
            />
          </div>
        </div>

        <div className="settings-subsection">
          <h3>Sender</h3>
          <div className="settings-grid settings-grid-3">
            <TextField id="settings-email-from-name" label="From name" value={form.fromName} onValue={set('fromName')} error={errors.fromName} hint="Shown as the sender, e.g. Baraka Hardware" />
            <TextField
              id="settings-email-from-address"
              label="From address"
              type="email"
              spellCheck={false}
              value={form.fromAddress}
              onValue={set('fromAddress')}
              error={errors.fromAddress}
              hint="Invoices come from it; the server must allow it, e.g. invoices@baraka.co.ke"
            />
            <TextField
              id="settings-email-reply-to"
              label="Reply-to address"
              type="email"
              spellCheck={false}
              value={form.replyTo}
              onValue={set('replyTo')}
              error={errors.replyTo}
              hint="Optional: where customers’ replies go, if not the from address"
            />
          </div>
        </div>

        <div className="settings-subsection">
          <h3>Pace</h3>
          <div className="settings-grid settings-grid-3">
            <TextField
              id="settings-email-rate"
              label="Messages per minute"
              type="number"
              min={1}
              max={10000}
              step={1}
              value={form.messagesPerMinute}
              onValue={set('messagesPerMinute')}
              error={errors.messagesPerMinute}
              hint="Your provider’s limit; Billbook never sends faster"
            />
            <TextField
              id="settings-email-timeout"
              label="Timeout (seconds)"
              type="number"
              min={5}
              max={300}
              step={1}
              value={form.timeoutSeconds}
              onValue={set('timeoutSeconds')}
              error={errors.timeoutSeconds}
              hint="How long to wait for the server before trying again"
            />
          </div>
        </div>
        <SectionActions busy={busy || password.busy} dirty={unsaved} errors={errors} saveLabel="Save email settings" />
      </SectionForm>

      <ConnectionTest
        id="settings-email-test"
        channel="email"
        title="Send a test email"
        intro="Connects to the server with the saved settings and sends a short message, so you know invoices will get through."
        fieldLabel="Send the test to"
        fieldHint="Any address you can check; at first, your from address"
        inputType="email"
        defaultTo={view.email.fromAddress}
        buttonLabel="Send test email"
        blocked={unsaved ? 'Save your changes first: the test uses the saved settings.' : null}
        savedKey={JSON.stringify([view.email, view.secretsSet.smtpPassword, view.endpointOverrides.smtp])}
        run={(to) => invoke('sending.testEmail', { to })}
        onKeyDown={saveOnCtrlS(() => void saveAll())}
      />
    </section>
  );
}
