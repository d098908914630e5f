// "SMS": which provider sends text messages and that provider's account (its key or token is
// write-only), the pace, and a test that sends one SMS with the saved settings.
import { invoke } from '../../api';
import {
  DEFAULT_SMS_BASE_URLS,
  SMS_PROVIDER_LABELS,
  SMS_PROVIDERS,
  type SettingsView,
  type SmsProviderName,
  type SmsSettings,
} from '../../../shared/domain/settings';
import { ConnectionTest } from './ConnectionTest';
import { numberOf } from './fieldErrors';
import { HEADINGS } from './headings';
import { RadioGroup } from './RadioGroup';
import { SecretField } from './SecretField';
import { SectionActions } from './SectionActions';
import { TextField } from './TextField';
import { useSecret, withSecret } from './useSecret';
import { useSettingsSection } from './useSettingsSection';
import { saveOnCtrlS } from './useSectionShortcut';
import { SectionForm } from './SectionForm';

type Provider = Exclude<SmsProviderName, 'none'>;
type SmsForm = Omit<SmsSettings, 'messagesPerMinute' | 'timeoutSeconds'> & { messagesPerMinute: string; timeoutSeconds: string };

const PROVIDER_OPTIONS = SMS_PROVIDERS.map((p) => ({ value: p, label: p === 'none' ? 'No SMS' : SMS_PROVIDER_LABELS[p] }));
const E164 = /^\+[1-9]\d{6,14}$/;
const FIELD_NAMES: Record<string, string> = {
  'africastalking.username': 'Africa’s Talking username', 'africastalking.senderId': 'Africa’s Talking sender ID', 'africastalking.baseUrl': 'Africa’s Talking base URL',
  'twilio.accountSid': 'Twilio Account SID', 'twilio.from': 'Twilio From', 'twilio.baseUrl': 'Twilio base URL',
  messagesPerMinute: 'Messages per minute', timeoutSeconds: 'Timeout',
};

const formOf = (s: SmsSettings): SmsForm => ({
  provider: s.provider,
  africastalking: { ...s.africastalking },
  twilio: { ...s.twilio },
  messagesPerMinute: String(s.messagesPerMinute),
  timeoutSeconds: String(s.timeoutSeconds),
});

const trimAll = <T extends Record<string, string>>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.trim()])) as T;

function check(f: SmsForm): { update: { sms: SmsSettings }; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const whole = (text: string, key: string, message: string) => {
    const n = numberOf(text);
    if (n === null || !Number.isInteger(n)) errors[key] = message;
    return n ?? 0;
  };
  const messagesPerMinute = whole(f.messagesPerMinute, 'messagesPerMinute', 'A whole number, like 60');
  const timeoutSeconds = whole(f.timeoutSeconds, 'timeoutSeconds', 'A whole number of seconds, like 20');
  const at = trimAll(f.africastalking);
  if (f.provider === 'africastalking' && at.username === '') errors['africastalking.username'] = 'Enter your Africa’s Talking username';
  return { update: { sms: { provider: f.provider, africastalking: at, twilio: trimAll(f.twilio), messagesPerMinute, timeoutSeconds } }, errors };
}

/** The business phone as +E.164 when it is one (spaces and dashes dropped), for the test's first guess. */
function phoneGuess(phone: string): string {
  const compact = phone.replace(/[\s\-()]/g, '');
  return E164.test(compact) ? compact : '';
}

export function SmsSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { form, setForm, errors, clearErrors, busy, dirty, save } = useSettingsSection({
    view,
    onSaved,
    storedOf: (v) => v.sms,
    formOf,
    check,
    errorPrefix: 'sms.',
    savedMessage: 'SMS settings saved',
  });
  const atKey = useSecret({ name: 'africasTalkingApiKey', view, onSaved, emptyError: 'Paste the API key from your Africa’s Talking account' });
  const twilioToken = useSecret({ name: 'twilioAuthToken', view, onSaved, emptyError: 'Paste the auth token from your Twilio console' });
  const provider = form.provider;
  const secret = provider === 'africastalking' ? atKey : provider === 'twilio' ? twilioToken : null;
  const { unsaved, saveAll } = withSecret({ dirty, save }, secret);
  const override = view.endpointOverrides.sms;

  const setTop = (field: 'provider' | 'messagesPerMinute' | 'timeoutSeconds', value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    clearErrors(field);
  };
  const account = <P extends Provider>(p: P, field: keyof SmsForm[P] & string, label: string, hint: string, more: { placeholder?: string } = {}) => {
    const key = `${p}.${field}`;
    const isUrl = field === 'baseUrl';
    return (
      <TextField
        id={`settings-sms-${p}-${field}`}
        label={label}
        spellCheck={false}
        autoComplete="off"
        inputMode={isUrl ? 'url' : undefined}
        disabled={isUrl && override !== null}
        value={isUrl && override ? override : String(form[p][field])}
        onValue={(value) => {
          setForm((f) => ({ ...f, [p]: { ...f[p], [field]: value } }));
          clearErrors(key);
        }}
        error={errors[key]}
        hint={isUrl && override ? `Overridden by BILLBOOK_SMS_BASE_URL: ${override}` : hint}
        {...more}
      />
    );
  };

  // Errors on fields not shown (the other provider's values are saved too) would otherwise be invisible.
  const shown = (key: string) => key === 'provider' || (provider !== 'none' && (key.startsWith(`${provider}.`) || !key.includes('.')));
  const hiddenErrors = Object.entries(errors).filter(([k]) => !shown(k));

  let blocked: string | null = null;
  if (unsaved) blocked = 'Save your changes first: the test uses the saved settings.';
  else if (view.sms.provider === 'none') blocked = 'Choose a provider and save it first.';

  return (
    <section className="settings-section" aria-labelledby={HEADINGS.sms.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.sms.id} tabIndex={-1}>{HEADINGS.sms.title}</h2>
        <p className="muted">
          Text messages with the invoice number, amount, due date and how to pay. You need an account with an SMS provider; each message is billed by
          them.
        </p>
      </div>
      {override && (
        <p className="notice notice-warning settings-override">
          The provider’s address is overridden by BILLBOOK_SMS_BASE_URL: messages go to <strong>{override}</strong>.
        </p>
      )}
      <SectionForm onSave={saveAll}>
        <RadioGroup
          id="settings-sms-provider"
          legend="SMS provider"
          options={PROVIDER_OPTIONS}
          value={provider}
          onChange={(p) => setTop('provider', p)}
          error={errors.provider}
          hint={provider === 'none' ? 'No text messages are sent; invoices and reminders go by email only.' : undefined}
        />

        {provider === 'africastalking' && (
          <div className="settings-subsection">
            <h3>Africa’s Talking account</h3>
            <div className="settings-grid">
              {account('africastalking', 'username', 'Username', 'Your Africa’s Talking app username (“sandbox” while trying it out)')}
              {account('africastalking', 'senderId', 'Sender ID', 'Your registered sender ID or short code, up to 11 characters; empty: the provider’s default')}
              {account('africastalking', 'baseUrl', 'Base URL', `Change only for a proxy; normally ${DEFAULT_SMS_BASE_URLS.africastalking}`)}
            </div>
            <SecretField secret={atKey} view={view} noun="key" idleHint="No API key saved yet." help="Find it in your Africa’s Talking account under Settings → API Key; “Save SMS settings” saves it too." />
          </div>
        )}

        {provider === 'twilio' && (
          <div className="settings-subsection">
            <h3>Twilio account</h3>
            <div className="settings-grid">
              {account('twilio', 'accountSid', 'Account SID', 'Starts with AC; on your Twilio console’s home page')}
              {account('twilio', 'from', 'From (number or Messaging Service SID)', 'Your Twilio number with +, e.g. +14155550100, or a Messaging Service SID (MG…)')}
              {account('twilio', 'baseUrl', 'Base URL', `Change only for a proxy; normally ${DEFAULT_SMS_BASE_URLS.twilio}`)}
            </div>
            <SecretField secret={twilioToken} view={view} noun="token" idleHint="No auth token saved yet." help="Shown next to the Account SID on your Twilio console; “Save SMS settings” saves it too." />
          </div>
        )}

        {provider !== 'none' && (
          <div className="settings-subsection">
            <h3>Pace</h3>
            <div className="settings-grid">
              <TextField
                id="settings-sms-rate"
                label="Messages per minute"
                type="number"
                min={1}
                max={10000}
                step={1}
                value={form.messagesPerMinute}
                onValue={(v) => setTop('messagesPerMinute', v)}
                error={errors.messagesPerMinute}
                hint="Your account’s limit; Billbook never sends faster"
              />
              <TextField
                id="settings-sms-timeout"
                label="Timeout (seconds)"
                type="number"
                min={5}
                max={120}
                step={1}
                value={form.timeoutSeconds}
                onValue={(v) => setTop('timeoutSeconds', v)}
                error={errors.timeoutSeconds}
                hint="How long to wait for the provider before trying again"
              />
            </div>
          </div>
        )}

        {hiddenErrors.length > 0 && (
          <div className="notice notice-error" role="alert">
            <p className="notice-title">Settings not shown here need fixing (choose their provider to edit them)</p>
            <ul>
              {hiddenErrors.map(([k, message]) => <li key={k}>{FIELD_NAMES[k] ?? k}: {message}</li>)}
            </ul>
          </div>
        )}
        <SectionActions busy={busy || (secret?.busy ?? false)} dirty={unsaved} errors={errors} saveLabel="Save SMS settings" />
      </SectionForm>

      <ConnectionTest
        id="settings-sms-test"
        channel="sms"
        title="Send a test SMS"
        intro="Sends one short text message through the saved provider, so you know reminders will get through. Your provider bills it as usual."
        fieldLabel="Send the test to"
        fieldHint="International form with +, e.g. +254722123456"
        inputType="tel"
        defaultTo={phoneGuess(view.business.phone)}
        buttonLabel="Send test SMS"
        blocked={blocked}
        savedKey={JSON.stringify([view.sms, view.secretsSet.africasTalkingApiKey, view.secretsSet.twilioAuthToken, view.endpointOverrides.sms])}
        run={(to) => invoke('sending.testSms', { to })}
        onKeyDown={saveOnCtrlS(() => void saveAll())}
      />
    </section>
  );
}
