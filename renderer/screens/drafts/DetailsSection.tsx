// Who and when: the customer, the currency they are billed in, the dates and the template.
import { INVOICE_TEMPLATE_LABELS, paymentTermsLabel } from '../../../shared/domain/customer';
import { Field, describe } from '../../components/Field';
import { formatDate } from '../../lib/format';
import { paths } from '../../lib/router';
import { CustomerPicker } from './CustomerPicker';
import { effectiveDueDate, pricesIncludeTaxFor, type CustomerChoice, type InvoiceTemplate } from './draftValues';
import type { DraftFormApi } from './useDraftForm';
import { DateInput } from '../../components/DateInput';

const TEMPLATE_NAMES = INVOICE_TEMPLATE_LABELS;

export function DetailsSection({ form, isNew }: { form: DraftFormApi; isNew: boolean }) {
  const v = form.values;
  const customer = v.customer;
  const customerError = form.errorOf('customerId');
  const issueError = form.errorOf('issueDate');
  const dueError = form.errorOf('dueDate');
  const templateError = form.errorOf('template');
  const currencyError = form.errorOf('currency');
  const terms = customer ? paymentTermsLabel(customer.paymentTermsDays) : null;
  const due = effectiveDueDate(v);

  // A new draft follows the customer's "prices include VAT"; one already saved keeps what it has.
  const pick = (c: CustomerChoice) =>
    form.patch({ customer: c, currency: c.currency, template: '', ...(isNew ? { pricesIncludeTax: pricesIncludeTaxFor(c) } : {}) }, ['customerId', 'currency', 'template', 'dueDate']);

  const setFollow = (follow: boolean) => {
    // Turning it off starts the picker at the date the terms gave.
    form.patch(follow ? { followTerms: true } : { followTerms: false, dueDate: v.dueDate || due || '' }, ['dueDate']);
  };

  const currencyHint = 'An invoice bills in its customer’s currency';
  const customerHint = customer ? 'draft-customer-hint' : undefined;
  return (
    <section className="form-section draft-details" aria-label="Customer and dates">
      <div className="draft-details-grid">
        <div className={`field d-customer${customerError ? ' field-invalid' : ''}`}>
          <label htmlFor="draft-customer">Customer</label>
          <CustomerPicker
            id="draft-customer"
            value={customer}
            onPick={pick}
            onBlur={() => form.touch('customerId')}
            error={customerError}
            describedBy={[customerHint, customerError ? 'draft-customer-error' : ''].filter(Boolean).join(' ') || undefined}
          />
          {customer && (
            <p id="draft-customer-hint" className="field-hint">
              <span className="code">{customer.code}</span> · {terms}
              {customer.email && ` · ${customer.email}`} · <a href={paths.customer(customer.id)}>View customer</a>
            </p>
          )}
          {customerError && <p id="draft-customer-error" className="field-error">{customerError}</p>}
        </div>

        <Field id="draft-currency" label="Currency" error={currencyError} className="d-currency">
          <input {...describe('draft-currency', currencyError)} type="text" readOnly title={currencyHint} value={customer ? v.currency : '—'} />
        </Field>

        <Field id="draft-template" label="Template" error={templateError} className="d-template">
          <select
            {...describe('draft-template', templateError)}
            value={v.template}
            onChange={(e) => form.set('template', e.target.value as InvoiceTemplate | '', 'template')}
          >
            <option value="">{customer ? `${TEMPLATE_NAMES[customer.template]} (default)` : 'The customer’s default'}</option>
            {(Object.keys(TEMPLATE_NAMES) as InvoiceTemplate[]).map((t) => (
              <option key={t} value={t}>{TEMPLATE_NAMES[t]}</option>
            ))}
          </select>
        </Field>

        <Field id="draft-issue-date" label="Issue date" error={issueError} className="d-issue">
          <DateInput label="Issue date"
            {...describe('draft-issue-date', issueError)}
            
            required
            value={v.issueDate}
            onValue={(value) => form.set('issueDate', value, 'issueDate')}
            onBlur={() => form.touch('issueDate')}
          />
        </Field>

        <div className={`field d-due${dueError ? ' field-invalid' : ''}`}>
          <label htmlFor="draft-due-date">Due date</label>
          {v.followTerms ? (
            <input
              id="draft-due-date"
              type="text"
              readOnly
              aria-describedby={['draft-due-hint', dueError ? 'draft-due-date-error' : ''].filter(Boolean).join(' ')}
              value={due ? formatDate(due) : ''}
              placeholder={customer ? 'Pick an issue date' : 'Choose a customer first'}
            />
          ) : (
            <DateInput label="Due date"
              {...describe('draft-due-date', dueError)}
              
              min={v.issueDate || undefined}
              value={v.dueDate}
              onValue={(value) => form.set('dueDate', value, 'dueDate')}
              onBlur={() => form.touch('dueDate')}
            />
          )}
          <div className="checkbox d-follow">
            <input id="draft-follow-terms" type="checkbox" checked={v.followTerms} onChange={(e) => setFollow(e.target.checked)} />
            <label htmlFor="draft-follow-terms">Follow payment terms{terms ? ` (${terms})` : ''}</label>
          </div>
          {v.followTerms && (
            <p id="draft-due-hint" className="field-hint">
              {!customer
                ? 'Comes from the customer’s payment terms'
                : customer.paymentTermsDays === 0
                  ? 'Due on the issue date'
                  : `Issue date + ${customer.paymentTermsDays} days`}
            </p>
          )}
          {dueError && <p id="draft-due-date-error" className="field-error">{dueError}</p>}
        </div>
      </div>
    </section>
  );
}
