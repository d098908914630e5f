import { forwardRef } from 'react';
import { INVOICE_FILTERS, INVOICE_STATUS_LABELS, type InvoiceFilter } from '../../../../shared/domain/invoiceStatus';
import { CURRENCIES, type CurrencyCode } from '../../../../shared/money';
import { MoneyInput } from '../../../components/MoneyInput';
import { paths } from '../../../lib/router';
import { amountProblem, hasInvoiceFilters, useInvoiceQuery } from '../../../stores/invoiceQuery';
import { DateInput } from '../../../components/DateInput';
import { GuardedLink } from '../../../components/Guarded';

/** Search, filters and their reset; the search input is forwarded for the "/" shortcut. */
export const InvoiceToolbar = forwardRef<HTMLInputElement>(function InvoiceToolbar(_props, searchRef) {
  const q = useInvoiceQuery();
  // Totals are compared within one currency: the boxes wait until one is chosen.
  const currency = q.currency;
  const datesBackwards = q.issuedFrom !== '' && q.issuedTo !== '' && q.issuedTo < q.issuedFrom;
  const minProblem = currency ? amountProblem(q.minTotal, currency) : null;
  const maxProblem = currency ? amountProblem(q.maxTotal, currency) : null;
  const amountError = minProblem ?? maxProblem;
  const totalNote = amountError ? 'invoice-total-error' : currency ? undefined : 'invoice-total-hint';
  return (
    <div className="toolbar invoice-toolbar" role="search" aria-label="Find invoices">
      <div className="toolbar-row">
        <input
          ref={searchRef}
          type="search"
          className="search"
          aria-label="Search invoices"
          placeholder="Search by invoice number or customer name"
          value={q.search}
          onChange={(e) => q.set({ search: e.target.value })}
        />
        <div className="inline-field">
          <label htmlFor="invoice-filter-status">Status</label>
          <select id="invoice-filter-status" value={q.status} onChange={(e) => q.set({ status: e.target.value as InvoiceFilter | '' })}>
            <option value="">All</option>
            {INVOICE_FILTERS.map((s) => <option key={s} value={s}>{INVOICE_STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        {hasInvoiceFilters(q) && (
          <button type="button" className="btn btn-small" onClick={q.clearAll}>Clear filters</button>
        )}
        {/* One sentence, a draft for each of many customers: the month's retainers in one go. */}
        <GuardedLink action="drafts.write" className="btn" href={paths.draftsBulk()} style={{ marginLeft: 'auto' }}>Bulk drafts</GuardedLink>
      </div>
      <div className="toolbar-row">
        {/* Each range shows one word and two boxes; every box still has its own full label for assistive tech. */}
        <div className="inline-field range-field" role="group" aria-labelledby="invoice-issued-label">
          <span id="invoice-issued-label" className="range-label">Issued</span>
          <label htmlFor="invoice-issued-from" className="visually-hidden">Issued from</label>
          <DateInput label="Issued from" id="invoice-issued-from"  value={q.issuedFrom} max={q.issuedTo || undefined} onValue={(value) => q.set({ issuedFrom: value })} />
          <span aria-hidden="true" className="range-dash">–</span>
          <label htmlFor="invoice-issued-to" className="visually-hidden">Issued to</label>
          <DateInput label="Issued to"
            id="invoice-issued-to"
            
            value={q.issuedTo}
            min={q.issuedFrom || undefined}
            onValue={(value) => q.set({ issuedTo: value })}
            aria-invalid={datesBackwards ? true : undefined}
            aria-describedby={datesBackwards ? 'invoice-dates-error' : undefined}
          />
          {datesBackwards && <span id="invoice-dates-error" className="field-error invoice-filter-error">Ends before it starts</span>}
        </div>
        <div className="inline-field">
          <label htmlFor="invoice-filter-currency">Currency</label>
          <select id="invoice-filter-currency" value={q.currency} onChange={(e) => q.set({ currency: e.target.value as CurrencyCode | '' })}>
            <option value="">All</option>
            {CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <div className="inline-field range-field" role="group" aria-labelledby="invoice-total-label">
          <span id="invoice-total-label" className="range-label">Total</span>
          <label htmlFor="invoice-min-total" className="visually-hidden">Minimum total</label>
          <MoneyInput
            id="invoice-min-total"
            currency={currency || 'KES'}
            value={q.minTotal}
            onChange={(v) => q.set({ minTotal: v })}
            disabled={!currency}
            placeholder={currency ? `Min ${currency}` : 'Min'}
            aria-invalid={minProblem ? true : undefined}
            aria-describedby={totalNote}
          />
          <span aria-hidden="true" className="range-dash">–</span>
          <label htmlFor="invoice-max-total" className="visually-hidden">Maximum total</label>
          <MoneyInput
            id="invoice-max-total"
            currency={currency || 'KES'}
            value={q.maxTotal}
            onChange={(v) => q.set({ maxTotal: v })}
            disabled={!currency}
            placeholder={currency ? `Max ${currency}` : 'Max'}
            aria-invalid={maxProblem ? true : undefined}
            aria-describedby={totalNote}
          />
          {amountError && <span id="invoice-total-error" className="field-error invoice-filter-error">{amountError}</span>}
          {!currency && <span id="invoice-total-hint" className="field-hint invoice-filter-error">Choose a currency to filter by total</span>}
        </div>
      </div>
    </div>
  );
});
