// Discount, payment terms as printed, and notes.
import { Field, describe } from '../../components/Field';
import { termsShown, type DiscountKind } from './draftValues';
import type { DraftFormApi } from './useDraftForm';

export function TermsSection({ form }: { form: DraftFormApi }) {
  const v = form.values;
  const discountError = form.errorOf('discount');
  const termsError = form.errorOf('terms');
  const notesError = form.errorOf('notes');
  const customerTerms = termsShown(v);
  const termsHint = !customerTerms
    ? 'Printed on the invoice. Leave blank for the customer’s terms.'
    : v.followTerms
      ? `Printed on the invoice. Leave blank for the customer’s terms (${customerTerms}).`
      : `Printed on the invoice. Leave blank to print ${customerTerms}, from the due date.`;
  const valueId = 'draft-discount-value';
  const valueLabel = v.discountKind === 'percent' ? 'Discount percent' : 'Discount amount';
  const valueHint = v.discountKind === 'percent'
    ? 'Of the lines’ total, e.g. 10 or 12.5'
    : v.pricesIncludeTax ? `In ${v.currency}, VAT included like the prices` : `In ${v.currency}, before VAT`;

  return (
    <section className="form-section draft-terms" aria-label="Discount, terms and notes">
      <div className="discount-row">
        <Field id="draft-discount-kind" label="Discount" className="discount-kind">
          <select
            id="draft-discount-kind"
            value={v.discountKind}
            onChange={(e) => form.patch({ discountKind: e.target.value as DiscountKind, discountValue: '' }, ['discount'])}
          >
            <option value="none">None</option>
            <option value="percent">Percent</option>
            <option value="amount">Amount</option>
          </select>
        </Field>
        {v.discountKind !== 'none' && (
          <Field id={valueId} label={valueLabel} error={discountError} hint={valueHint} className="discount-value">
            <div className="input-affix">
              <input
                {...describe(valueId, discountError, valueHint)}
                type="text"
                inputMode="decimal"
                className="num"
                value={v.discountValue}
                onChange={(e) => form.set('discountValue', e.target.value, 'discount')}
                onBlur={() => form.touch('discount')}
              />
              <span className="affix" aria-hidden="true">{v.discountKind === 'percent' ? '%' : v.currency}</span>
            </div>
          </Field>
        )}
      </div>
      <Field id="draft-terms" label="Payment terms" error={termsError} hint={termsHint}>
        <input
          {...describe('draft-terms', termsError, termsHint)}
          type="text"
          placeholder={customerTerms ?? ''}
          value={v.terms}
          onChange={(e) => form.set('terms', e.target.value, 'terms')}
          onBlur={() => form.touch('terms')}
        />
      </Field>
      <Field id="draft-notes" label="Notes" error={notesError} hint="Printed on the invoice, e.g. how to pay">
        <textarea
          {...describe('draft-notes', notesError, 'Printed on the invoice, e.g. how to pay')}
          rows={3}
          value={v.notes}
          onChange={(e) => form.set('notes', e.target.value, 'notes')}
          onBlur={() => form.touch('notes')}
        />
      </Field>
    </section>
  );
}
