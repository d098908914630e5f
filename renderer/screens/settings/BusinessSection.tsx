// "Business profile": who the invoices are from. Printed at the top of every invoice and used to
// sign emails and text messages.
import type { BusinessProfile, SettingsView } from '../../../shared/domain/settings';
import { TAX_RATE_CHOICES } from '../../../shared/domain/invoice';
import { Field, describe } from '../../components/Field';
import { RadioGroup } from './RadioGroup';
import { BusinessPreview } from './BusinessPreview';
import { HEADINGS } from './headings';
import { LogoField } from './LogoField';
import { SectionActions } from './SectionActions';
import { TextField } from './TextField';
import { useSettingsSection } from './useSettingsSection';
import { SectionForm } from './SectionForm';

const trimmed = (b: BusinessProfile): BusinessProfile =>
  Object.fromEntries(Object.entries(b).map(([k, v]) => [k, typeof v === 'string' && k !== 'logoDataUrl' ? v.trim() : v])) as BusinessProfile;

type TextKey = { [K in keyof BusinessProfile]: BusinessProfile[K] extends string ? K : never }[keyof BusinessProfile];
const rateValue = (rate: number | null) => (rate === null ? 'exempt' : String(rate));

export function BusinessSection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { form, setForm, errors, clearErrors, busy, dirty, save } = useSettingsSection({
    view,
    onSaved,
    storedOf: (v) => v.business,
    formOf: (b: BusinessProfile) => ({ ...b }),
    check: (f) => ({ update: { business: trimmed(f) }, errors: {} }),
    errorPrefix: 'business.',
    savedMessage: 'Business profile saved',
  });

  const set = (field: TextKey) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    clearErrors(field);
  };
  const text = (field: TextKey, label: string, hint: string, more: { wide?: boolean; type?: string; autoComplete?: string } = {}) => (
    <TextField id={`settings-business-${field}`} label={label} hint={hint} error={errors[field]} value={form[field]} onValue={set(field)} {...more} />
  );

  return (
    <section className="settings-section" aria-labelledby={HEADINGS.business.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.business.id} tabIndex={-1}>{HEADINGS.business.title}</h2>
        <p className="muted">Who your invoices are from. It is printed at the top of every invoice and signs your emails and text messages.</p>
      </div>
      <SectionForm onSave={save}>
        <div className="settings-grid">
          {text('name', 'Business name', 'As customers know you, e.g. Baraka Hardware Ltd', { autoComplete: 'organization' })}
          {text('taxId', 'KRA PIN', 'Printed as “PIN”, e.g. P051234567X')}
          {text('street', 'Street address', 'Building, street and P.O. Box, e.g. Kimathi House, Kimathi Street, P.O. Box 12345', { wide: true, autoComplete: 'street-address' })}
          {text('city', 'City or town', 'e.g. Nairobi', { autoComplete: 'address-level2' })}
          {text('postalCode', 'Postal code', 'e.g. 00100', { autoComplete: 'postal-code' })}
          {text('country', 'Country', 'e.g. Kenya', { autoComplete: 'country-name' })}
          {text('phone', 'Phone', 'e.g. +254 722 123 456', { type: 'tel', autoComplete: 'tel' })}
          {text('email', 'Email', 'Where customers can write to you, e.g. accounts@baraka.co.ke', { type: 'email', autoComplete: 'email' })}
          {text('website', 'Website', 'Optional, e.g. www.baraka.co.ke', { autoComplete: 'url' })}
        </div>
        <div className="settings-vat">
          <RadioGroup
            id="settings-business-vat"
            legend="VAT"
            options={[
              { value: 'no', label: 'Not registered for VAT' },
              { value: 'yes', label: 'Registered for VAT' },
            ]}
            value={form.vatRegistered ? 'yes' : 'no'}
            onChange={(v) => {
              setForm((f) => ({ ...f, vatRegistered: v === 'yes' }));
              clearErrors('taxId', 'vatRegistered');
            }}
            hint={
              form.vatRegistered
                ? 'Lines start at the rate below; your KRA PIN is printed on every invoice.'
                : 'Below the VAT threshold: no VAT is charged and none is printed on your invoices or receipts.'
            }
          />
          {form.vatRegistered && (
            <Field id="settings-business-rate" label="Default VAT rate" hint="What a new line takes; each line can differ." error={errors.defaultTaxRateBp}>
              <select
                {...describe('settings-business-rate', errors.defaultTaxRateBp, 'What a new line takes; each line can differ.')}
                value={rateValue(form.defaultTaxRateBp)}
                onChange={(e) => setForm((f) => ({ ...f, defaultTaxRateBp: e.target.value === 'exempt' ? null : Number(e.target.value) }))}
              >
                {TAX_RATE_CHOICES.map((c) => <option key={rateValue(c.rateBp)} value={rateValue(c.rateBp)}>{c.label}</option>)}
              </select>
            </Field>
          )}
        </div>
        <div className="business-bottom">
          <LogoField
            value={form.logoDataUrl}
            businessName={form.name.trim()}
            error={errors.logoDataUrl}
            onChange={(logo) => {
              setForm((f) => ({ ...f, logoDataUrl: logo }));
              clearErrors('logoDataUrl');
            }}
          />
          <BusinessPreview business={form} />
        </div>
        <SectionActions busy={busy} dirty={dirty} errors={errors} saveLabel="Save business profile" />
      </SectionForm>
    </section>
  );
}
