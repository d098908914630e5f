import { forwardRef } from 'react';
import { INVOICE_FILTERS, INVOICE_STATUS_LABELS, type InvoiceFilter } from '../../../../shared/domain/invoice';
import { CURRENCIES, type CurrencyCode } from '../../../../shared/money';
import { MoneyInput } from '../../../components/MoneyInput';
import { amountCurrency, amountProblem, hasInvoiceFilters, useInvoiceQuery } from '../../../stores/invoiceQuery';

function AmountFilter({ id, label, value, onChange, currency }: { id: string; label: string; value: string; onChange: (v: string) => void; currency: CurrencyCode }) {
  const problem = amountProblem(value, currency);
  return (
    <div className="inline-field invoice-amount-filter">
      <label htmlFor={id}>{label}</label>
      <MoneyInput
        id={id}
        currency={currency}
        value={value}
        onChange={onChange}
        placeholder={currency}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
      />
      {problem && <span id={`${id}-error`} className="field-error invoice-filter-error">{problem}</span>}
    </div>
  );
}

/** Search, filters and the New invoice button; the search input is forwarded for the "/" shortcut. */
export const InvoiceToolbar = forwardRef<HTMLInputElement>(function InvoiceToolbar(_props, searchRef) {
  const q = useInvoiceQuery();
  const currency = amountCurrency(q);
  const datesBackwards = q.issuedFrom !== '' && q.issuedTo !== '' && q.issuedTo < q.issuedFrom;
  return (
    <div className="toolbar" role="search" aria-label="Find invoices">
      <input
        ref={searchRef}
        type="search"
        className="search"
        aria-label="Search invoices"
        placeholder="Search by invoice number or customer name"
        value={q.search}
        onChange={(e) => q.set({ search: e.target.value })}
      />
      <div className="toolbar-row">
        <div className="inline-field">
          <label htmlFor="invoice-filter-status">Status</label>
          <select id="invoice-filter-status" value={q.status} onChange={(e) => q.set({ status: e.target.value as InvoiceFilter | '' })}>
            <option value="">All</option>
            {INVOICE_FILTERS.map((s) => <option key={s} value={s}>{INVOICE_STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor="invoice-issued-from">Issued from</label>
          <input id="invoice-issued-from" type="date" value={q.issuedFrom} max={q.issuedTo || undefined} onChange={(e) => q.set({ issuedFrom: e.target.value })} />
        </div>
        <div className="inline-field">
          <label htmlFor="invoice-issued-to">Issued to</label>
          <input
            id="invoice-issued-to"
            type="date"
            value={q.issuedTo}
            min={q.issuedFrom || undefined}
            onChange={(e) => q.set({ issuedTo: e.target.value })}
            aria-invalid={datesBackwards ? true : undefined}
            aria-describedby={datesBackwards ? 'invoice-dates-error' : undefined}
          />
          {datesBackwards && <span id="invoice-dates-error" className="field-error invoice-filter-error">Before “Issued from”</span>}
        </div>
        <div className="inline-field">
          <label htmlFor="invoice-filter-currency">Currency</label>
          <select id="invoice-filter-currency" value={q.currency} onChange={(e) => q.set({ currency: e.target.value as CurrencyCode | '' })}>
            <option value="">All</option>
            {CURRENCIES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <AmountFilter id="invoice-min-total" label="Minimum total" value={q.minTotal} onChange={(v) => q.set({ minTotal: v })} currency={currency} />
        <AmountFilter id="invoice-max-total" label="Maximum total" value={q.maxTotal} onChange={(v) => q.set({ maxTotal: v })} currency={currency} />
        {hasInvoiceFilters(q) && (
          <button type="button" className="btn btn-small" onClick={q.clearAll}>Clear filters</button>
        )}
      </div>
    </div>
  );
});
