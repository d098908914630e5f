// Settings → Getting paid online: the organisation's M-Pesa (Daraja) and Paystack keys and its
// customer links, all kept on Billbook Cloud (sealed there, never on this computer, never shown
// again). Only the owner changes them; everyone sees whether they are set and the addresses to
// give Safaricom and Paystack.
import { useState } from 'react';
import { invoke } from '../../../api';
import type { PaymentsSetupView } from '../../../../shared/cloud/payments';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { describe, Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { errorMessage } from '../../../lib/format';
import { useRemote } from '../../../lib/useRemote';
import { toast } from '../../../stores/toasts';
import { sectionErrors } from '../fieldErrors';
import { HEADINGS } from '../headings';

type FieldErrors = Record<string, string>;

export function OnlinePaymentsSection({ linked, isOwner }: { linked: boolean; isOwner: boolean }) {
  const heading = HEADINGS.online;
  return (
    <section className="settings-section" aria-labelledby={heading.id}>
      <h2 id={heading.id} tabIndex={-1}>{heading.title}</h2>
      {!linked ? (
        <p className="muted">
          Customers can pay an invoice by M-Pesa or card from a link, and Paybill payments are recorded on their own, once this computer is
          signed in to Billbook Cloud (Account &amp; sync above). Until then, record payments by hand or import the M-Pesa statement under Payments.
        </p>
      ) : (
        <LinkedSetup isOwner={isOwner} />
      )}
    </section>
  );
}

function LinkedSetup({ isOwner }: { isOwner: boolean }) {
  const setup = useRemote<PaymentsSetupView>(() => invoke('cloudPayments.setup', {}), 'setup');
  if (setup.state === 'loading') return <Loading label="Asking Billbook Cloud…" />;
  if (setup.state === 'failed') {
    return (
      <ErrorNotice title="The payment setup could not be read from Billbook Cloud" message={setup.message}>
        <button type="button" className="btn" onClick={setup.reload}>Try again</button>
      </ErrorNotice>
    );
  }
  const view = setup.value;
  return (
    <div className="online-payments">
      {!isOwner && <p className="notice notice-info">Only the organisation’s owner changes how money is received. You can see what is set up.</p>}
      <DarajaForm view={view} disabled={!isOwner} onSaved={setup.set} />
      <PaystackForm view={view} disabled={!isOwner} onSaved={setup.set} />
      <LinksForm view={view} disabled={!isOwner} onSaved={setup.set} />
    </div>
  );
}

function DarajaForm({ view, disabled, onSaved }: { view: PaymentsSetupView; disabled: boolean; onSaved: (v: PaymentsSetupView) => void }) {
  const [form, setForm] = useState({ shortcode: view.daraja?.shortcode ?? '', kind: view.daraja?.kind ?? 'paybill', environment: view.daraja?.environment ?? 'sandbox', consumerKey: '', consumerSecret: '', passkey: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const saved = await invoke('cloudPayments.configureDaraja', { ...form, kind: form.kind as 'paybill' | 'till', environment: form.environment as 'sandbox' | 'production' });
      onSaved(saved);
      setNotice(saved.notice);
      setForm({ ...form, consumerKey: '', consumerSecret: '', passkey: '' });
      toast.success('M-Pesa keys saved on Billbook Cloud');
    } catch (e) {
      setErrors({ ...sectionErrors(e, ''), form: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="online-provider" aria-labelledby="online-mpesa-title" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h3 id="online-mpesa-title">M-Pesa (Daraja)</h3>
      <p className="muted">
        {view.daraja ? `Set up: ${view.daraja.kind === 'till' ? 'Till' : 'Paybill'} ${view.daraja.shortcode} (${view.daraja.environment}). Enter the keys again to change them.` : 'Not set up. The keys come from the Safaricom developer portal (Daraja) for your Paybill or Till.'}
      </p>
      <fieldset disabled={disabled || busy} className="online-grid">
        <Field id="daraja-shortcode" label="Paybill or Till number" error={errors.shortcode}>
          <input {...describe('daraja-shortcode', errors.shortcode)} inputMode="numeric" value={form.shortcode} onChange={set('shortcode')} />
        </Field>
        <Field id="daraja-kind" label="Kind">
          <select id="daraja-kind" value={form.kind} onChange={set('kind')}>
            <option value="paybill">Paybill (customers type an account number)</option>
            <option value="till">Till (Buy Goods)</option>
          </select>
        </Field>
        <Field id="daraja-environment" label="Daraja environment">
          <select id="daraja-environment" value={form.environment} onChange={set('environment')}>
            <option value="sandbox">Sandbox (testing)</option>
            <option value="production">Production (real money)</option>
          </select>
        </Field>
        <Field id="daraja-key" label="Consumer key" error={errors.consumerKey}>
          <input {...describe('daraja-key', errors.consumerKey)} autoComplete="off" value={form.consumerKey} onChange={set('consumerKey')} />
        </Field>
        <Field id="daraja-secret" label="Consumer secret" error={errors.consumerSecret}>
          <input {...describe('daraja-secret', errors.consumerSecret)} type="password" autoComplete="off" value={form.consumerSecret} onChange={set('consumerSecret')} />
        </Field>
        <Field id="daraja-passkey" label="Lipa na M-Pesa passkey" error={errors.passkey}>
          <input {...describe('daraja-passkey', errors.passkey)} type="password" autoComplete="off" value={form.passkey} onChange={set('passkey')} />
        </Field>
      </fieldset>
      {errors.form && <p className="field-error" role="alert">{errors.form}</p>}
      {notice && <p className="notice notice-info" role="status">{notice}</p>}
      <div className="section-actions">
        <button type="submit" className="btn btn-primary" disabled={disabled || busy}>{busy ? 'Checking the keys with M-Pesa…' : 'Save M-Pesa keys'}</button>
      </div>
      <details className="online-callbacks">
        <summary>Addresses Safaricom calls back on</summary>
        <p className="muted">Billbook Cloud registers these itself when the keys are saved. They are secret to this organisation: do not share them.</p>
        <dl>
          <dt>Confirmation</dt><dd><code>{view.callbacks.darajaConfirmation}</code></dd>
          <dt>Validation</dt><dd><code>{view.callbacks.darajaValidation}</code></dd>
          <dt>Payment prompts</dt><dd><code>{view.callbacks.darajaStk}</code></dd>
        </dl>
      </details>
    </form>
  );
}

function PaystackForm({ view, disabled, onSaved }: { view: PaymentsSetupView; disabled: boolean; onSaved: (v: PaymentsSetupView) => void }) {
  const [secretKey, setSecretKey] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await invoke('cloudPayments.configurePaystack', { secretKey }));
      setSecretKey('');
      toast.success('Paystack key saved on Billbook Cloud');
    } catch (e) {
      setError(sectionErrors(e, '').secretKey ?? errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="online-provider" aria-labelledby="online-paystack-title" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h3 id="online-paystack-title">Paystack (card and mobile money)</h3>
      <p className="muted">{view.paystack ? `Set up (${view.paystack.mode} key). Enter a key again to change it.` : 'Not set up. The secret key is in the Paystack dashboard under Settings → API Keys & Webhooks.'}</p>
      <fieldset disabled={disabled || busy}>
        <Field id="paystack-key" label="Secret key" error={error} hint="Starts sk_test_ or sk_live_">
          <input {...describe('paystack-key', error, 'x')} type="password" autoComplete="off" value={secretKey} onChange={(e) => setSecretKey(e.target.value)} />
        </Field>
      </fieldset>
      <p className="muted">In the Paystack dashboard, set the webhook URL to <code>{view.callbacks.paystackWebhook}</code></p>
      <div className="section-actions">
        <button type="submit" className="btn btn-primary" disabled={disabled || busy}>{busy ? 'Saving…' : 'Save Paystack key'}</button>
      </div>
    </form>
  );
}

function LinksForm({ view, disabled, onSaved }: { view: PaymentsSetupView; disabled: boolean; onSaved: (v: PaymentsSetupView) => void }) {
  const [enabled, setEnabled] = useState(view.links.enabled);
  const [days, setDays] = useState(String(view.links.days));
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 0 || n > 3650) {
      setError('Enter a number of days from 0 (never) to 3650');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await invoke('cloudPayments.configureLinks', { enabled, days: n }));
      toast.success(enabled ? 'Invoice links are on' : 'Invoice links are off: customers who open one are told to contact you');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="online-provider" aria-labelledby="online-links-title" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h3 id="online-links-title">Invoice links for customers</h3>
      <fieldset disabled={disabled || busy}>
        <div className="checkbox-field">
          <input id="links-enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <label htmlFor="links-enabled">Give every final invoice a link the customer can open to see and pay it (in its emails and SMS, and as a QR code on its PDF)</label>
        </div>
        <Field id="links-days" label="Links stop working after (days from finalizing; 0 = never)" error={error}>
          <input {...describe('links-days', error)} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
        </Field>
      </fieldset>
      <div className="section-actions">
        <button type="submit" className="btn btn-primary" disabled={disabled || busy}>{busy ? 'Saving…' : 'Save links'}</button>
      </div>
    </form>
  );
}
