// "Reminders": whether unpaid invoices are chased, on which days around the due date, by which
// channel and from what hour, plus the thank-you and the PDF; and how reminders behave.
import { REMINDER_CHANNELS, type ReminderChannel, type ReminderSettings, type SettingsView } from '../../../shared/domain/settings';
import { Checkbox, Field, describe } from '../../components/Field';
import { HEADINGS } from './headings';
import { RadioGroup } from './RadioGroup';
import { ReminderSchedule } from './ReminderSchedule';
import { SectionActions } from './SectionActions';
import { useSettingsSection } from './useSettingsSection';
import { SectionForm } from './SectionForm';

const CHANNEL_LABELS: Record<ReminderChannel, string> = { email: 'Email', sms: 'SMS', both: 'Email and SMS' };
const CHANNEL_OPTIONS = REMINDER_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** What stops the chosen channel, from the saved email and SMS settings. */
function channelProblems(view: SettingsView, channel: ReminderChannel): string[] {
  const problems: string[] = [];
  if (channel !== 'sms' && !view.email.host && !view.endpointOverrides.smtp) problems.push('Email is not set up yet (see Email above): email reminders cannot go until it is.');
  if (channel !== 'email' && view.sms.provider === 'none') problems.push('SMS is not set up yet (see SMS above): SMS reminders cannot go until it is.');
  return problems;
}

export function RemindersSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { form, setForm, errors, clearErrors, busy, dirty, save } = useSettingsSection({
    view,
    onSaved,
    storedOf: (v) => v.reminders,
    formOf: (r: ReminderSettings) => ({ ...r, offsets: [...r.offsets] }),
    check: (f) => ({ update: { reminders: f }, errors: {} }),
    errorPrefix: 'reminders.',
    savedMessage: 'Reminder settings saved',
  });

  const set = <K extends keyof ReminderSettings>(field: K, value: ReminderSettings[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    clearErrors(field);
  };
  // The backend names a bad day by its place ("offsets.2"); the schedule shows the first.
  const scheduleError = errors.offsets ?? Object.entries(errors).find(([k]) => k.startsWith('offsets.'))?.[1];
  const problems = form.enabled ? channelProblems(view, form.channel) : [];
  const hourError = errors.sendFromHour;

  return (
    <section className="settings-section" aria-labelledby={HEADINGS.reminders.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.reminders.id} tabIndex={-1}>{HEADINGS.reminders.title}</h2>
        <p className="muted">Billbook can remind customers about unpaid invoices before and after the due date, so you do not have to chase them yourself.</p>
      </div>
      <SectionForm onSave={save}>
        <label className="switch settings-switch">
          <input type="checkbox" role="switch" aria-describedby="settings-reminders-enabled-hint" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
          <span>Send payment reminders</span>
        </label>
        <p id="settings-reminders-enabled-hint" className="field-hint settings-switch-hint">
          {form.enabled ? 'On: reminders go out on the days below for every unpaid invoice.' : 'Off: no reminders are sent. The schedule below is kept for when you switch them on.'}
        </p>

        <ReminderSchedule offsets={form.offsets} onChange={(offsets) => { set('offsets', offsets); clearErrors(...Object.keys(errors).filter((k) => k.startsWith('offsets'))); }} error={scheduleError} />

        <div className="settings-grid reminder-options">
          <RadioGroup id="settings-reminders-channel" legend="Send by" options={CHANNEL_OPTIONS} value={form.channel} onChange={(c) => set('channel', c)} error={errors.channel} />
          <Field id="settings-reminders-hour" label="Send from" error={hourError} hint="No reminder goes out before this time of day">
            <select {...describe('settings-reminders-hour', hourError, 'hint')} value={form.sendFromHour} onChange={(e) => set('sendFromHour', Number(e.target.value))}>
              {HOURS.map((h) => <option key={h} value={h}>{hourLabel(h)}</option>)}
            </select>
          </Field>
        </div>
        {problems.map((p) => <p key={p} className="notice notice-warning reminder-problem">{p}</p>)}

        <div className="checks reminder-checks">
          <Checkbox id="settings-reminders-thanks" label="Send a thank-you when a payment is recorded" checked={form.thankYouOnPayment} onChange={(v) => set('thankYouOnPayment', v)} />
          <Checkbox id="settings-reminders-pdf" label="Attach the invoice PDF to email reminders" checked={form.attachPdf} onChange={(v) => set('attachPdf', v)} />
        </div>

        <div className="reminder-notes">
          <h3>How reminders work</h3>
          <ul>
            <li>They stop as soon as an invoice is paid; a reminder due after that is not sent.</li>
            <li>Switching reminders on does not chase the past: only days from the day you switch them on count.</li>
            <li>
              To leave a customer out, open their page, choose Edit and untick <strong>Send payment reminders</strong>.
            </li>
            <li>The tone firms up the longer an invoice is overdue: friendly before the due date, firmer as the weeks go by.</li>
            <li>
              If Billbook was closed when reminders were due, each missed reminder is sent once when it opens again, and only the latest one for each invoice: an
              earlier missed step is logged as not sent, so no customer gets a burst of messages.
            </li>
          </ul>
        </div>
        <SectionActions busy={busy} dirty={dirty} errors={errors} saveLabel="Save reminder settings" />
      </SectionForm>
    </section>
  );
}
