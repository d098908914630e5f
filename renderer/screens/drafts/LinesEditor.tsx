// The invoice lines: one row a line, every input labelled with its line number, live amounts.
import { useRef, useState } from 'react';
import { COMMON_UNITS, TAX_RATE_CHOICES } from '../../../shared/domain/invoice';
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import { taxRateLabel } from '../../../shared/totals';
import { moneyText, parsePrice, taxRateOf, taxRateValue, lineErrorKey, type LineField, type LineValues } from './draftValues';
import type { DraftFormApi } from './useDraftForm';
import { filledLineIndex } from './draftValues';
import { ItemPicker } from './ItemPicker';

const UNITS_LIST_ID = 'draft-units';

interface LinesEditorProps {
  form: DraftFormApi;
  currency: CurrencyCode;
  /** False for a business that is not VAT-registered: lines carry no VAT and offer none. */
  showVat: boolean;
}

function focusLater(container: HTMLElement | null, selector: string) {
  window.requestAnimationFrame(() => container?.querySelector<HTMLElement>(selector)?.focus());
}

export function LinesEditor({ form, currency, showVat }: LinesEditorProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { lines } = form.values;
  const linesError = form.errorOf('lines');

  const move = (index: number, by: -1 | 1) => {
    form.moveLine(index, by);
    const to = index + by;
    const edge = to === 0 || to === lines.length - 1;
    // Focus follows the line; at an edge the other arrow is the one still enabled.
    const dir = edge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down';
    focusLater(ref.current, `[aria-label="Move line ${to + 1} ${dir}"]`);
  };

  const remove = (index: number) => {
    form.removeLine(index);
    const next = Math.min(index, lines.length - 2);
    focusLater(ref.current, next >= 0 ? `[aria-label="Description, line ${next + 1}"]` : '.lines-add');
  };

  const add = () => {
    form.addLine();
    focusLater(ref.current, `[aria-label="Description, line ${lines.length + 1}"]`);
  };

  const [pickNote, setPickNote] = useState<string | null>(null);
  const addFromCatalog = (line: Parameters<DraftFormApi['addFilledLine']>[0], note: string | null) => {
    const n = filledLineIndex(lines) + 1;
    form.addFilledLine(line);
    setPickNote(note);
    // The quantity is what is left to say; with no price, the price.
    focusLater(ref.current, `[aria-label="${line.unitPrice ? 'Quantity' : 'Unit price'}, line ${n}"]`);
  };

  return (
    <div ref={ref} className="lines">
      {linesError && <p className="field-error lines-error" role="alert">{linesError}</p>}
      <div className="lines-grid" role="group" aria-label="Invoice lines">
        <div className="line line-head" aria-hidden="true">
          <span className="line-no">#</span>
          <span className="l-desc">Description</span>
          <span className="l-qty">Quantity</span>
          <span className="l-unit">Unit</span>
          <span className="l-price">Unit price ({currency})</span>
          <span className="l-tax">{showVat ? 'Tax' : 'VAT'}</span>
          <span className="l-amount num">Amount</span>
          <span className="l-actions" />
        </div>
        {lines.length === 0 && <p className="lines-empty muted">No lines yet. Add what you are billing for.</p>}
        {lines.map((line, i) => (
          <LineRow
            key={line.key}
            form={form}
            line={line}
            index={i}
            count={lines.length}
            currency={currency}
            pricesIncludeTax={form.values.pricesIncludeTax}
            showVat={showVat}
            amount={form.live.lineAmounts[i] ?? null}
            onMove={move}
            onRemove={remove}
          />
        ))}
      </div>
      <datalist id={UNITS_LIST_ID}>
        {COMMON_UNITS.filter(Boolean).map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <div className="lines-adders">
        <button type="button" className="btn lines-add" onClick={add}>
          <span aria-hidden="true">+</span> Add line
        </button>
        <ItemPicker currency={currency} onPick={addFromCatalog} />
      </div>
      {pickNote && <p className="field-hint lines-pick-note" role="status">{pickNote}</p>}
    </div>
  );
}

interface LineRowProps {
  form: DraftFormApi;
  line: LineValues;
  index: number;
  count: number;
  currency: CurrencyCode;
  pricesIncludeTax: boolean;
  showVat: boolean;
  amount: number | null;
  onMove: (index: number, by: -1 | 1) => void;
  onRemove: (index: number) => void;
}

function LineRow({ form, line, index, count, currency, pricesIncludeTax, showVat, amount, onMove, onRemove }: LineRowProps) {
  const n = index + 1;
  const idOf = (field: LineField) => `line-${line.key}-${field}`;
  const control = (field: LineField) => {
    const error = form.errorOf(lineErrorKey(index, field));
    return {
      id: idOf(field),
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${idOf(field)}-error` : undefined,
      onBlur: () => form.touchLine(index, field),
      error,
    };
  };
  const desc = control('description');
  const qty = control('quantityMilli');
  const unit = control('unit');
  const price = control('unitPriceMinor');
  const tax = control('taxRateBp');
  const known = TAX_RATE_CHOICES.some((c) => taxRateValue(c.rateBp) === line.taxRate);
  // Errors sit in a row of their own under the line: the number columns are too narrow to hold a sentence.
  const errors = ([['Description', desc], ['Quantity', qty], ['Unit', unit], ['Unit price', price], ['Tax rate', tax]] as const).filter(
    ([, c]) => c.error,
  );
  const strip = ({ error: _error, ...rest }: ReturnType<typeof control>) => rest;
  // A line from a sentence may say its own price includes VAT ("45k incl. VAT") on an exclusive invoice.
  const overrides = line.priceIncludesTax !== null && line.priceIncludesTax !== pricesIncludeTax;
  const priceProps = strip(price);
  if (overrides) priceProps['aria-describedby'] = [priceProps['aria-describedby'], `${idOf('priceIncludesTax')}-note`].filter(Boolean).join(' ');

  return (
    <div className="line" role="group" aria-label={`Line ${n}`}>
      <span className="line-no" aria-hidden="true">{n}</span>
      <div className="l-desc">
        <input
          {...strip(desc)}
          type="text"
          aria-label={`Description, line ${n}`}
          title={line.description.length > 40 ? line.description : undefined}
          placeholder="What you are billing for"
          value={line.description}
          onChange={(e) => form.setLine(index, 'description', e.target.value)}
        />
      </div>
      <div className="l-qty">
        <input
          {...strip(qty)}
          type="text"
          inputMode="decimal"
          className="num"
          aria-label={`Quantity, line ${n}`}
          value={line.quantity}
          onChange={(e) => form.setLine(index, 'quantity', e.target.value)}
        />
      </div>
      <div className="l-unit">
        <input
          {...strip(unit)}
          type="text"
          list={UNITS_LIST_ID}
          aria-label={`Unit, line ${n}`}
          value={line.unit}
          onChange={(e) => form.setLine(index, 'unit', e.target.value)}
        />
      </div>
      <div className="l-price">
        <input
          {...priceProps}
          type="text"
          inputMode="decimal"
          className="num"
          aria-label={`Unit price, line ${n}`}
          placeholder="0.00"
          value={line.unitPrice}
          onChange={(e) => form.setLine(index, 'unitPrice', e.target.value)}
          onBlur={() => {
            price.onBlur();
            // "1234567" reads back as "1,234,567.00": the amount as it will print.
            const parsed = parsePrice(line.unitPrice, currency);
            if (parsed.ok && moneyText(parsed.value, currency) !== line.unitPrice) form.setLine(index, 'unitPrice', moneyText(parsed.value, currency));
          }}
        />
      </div>
      <div className="l-tax">
        {!showVat ? (
          <span className="muted l-no-vat">No VAT</span>
        ) : (
        <>
        <select
          {...strip(tax)}
          aria-label={`Tax rate, line ${n}`}
          value={line.taxRate}
          onChange={(e) => form.setLine(index, 'taxRate', e.target.value)}
        >
          {TAX_RATE_CHOICES.map((c) => (
            <option key={taxRateValue(c.rateBp)} value={taxRateValue(c.rateBp)}>{c.label}</option>
          ))}
          {!known && <option value={line.taxRate}>{taxRateLabel(taxRateOf(line.taxRate))}</option>}
        </select>
        {/* One line may be quoted VAT-inclusive on an exclusive invoice, or the other way round. */}
        <label className="l-inclusive">
          <input
            type="checkbox"
            aria-label={`Price includes VAT, line ${n}`}
            checked={line.priceIncludesTax ?? pricesIncludeTax}
            onChange={(e) => form.setLine(index, 'priceIncludesTax', e.target.checked === pricesIncludeTax ? null : e.target.checked)}
          />
          <span aria-hidden="true">incl. VAT</span>
        </label>
        </>
        )}
      </div>
      <div className="l-amount num">
        <span className="visually-hidden">Amount, line {n}: </span>
        {amount === null ? <span className="muted" title="Fix this line’s errors to see its amount">—</span> : formatMoney(amount, currency)}
      </div>
      {(errors.length > 0 || overrides) && (
        <div className="l-errors">
          {overrides && (
            <p id={`${idOf('priceIncludesTax')}-note`} className="line-note">
              {line.priceIncludesTax ? 'This price includes VAT' : 'VAT is added to this price'}, unlike the invoice’s setting.{' '}
              <button type="button" className="btn-link" onClick={() => form.setLine(index, 'priceIncludesTax', null)}>
                Use the invoice’s setting for line {n}
              </button>
            </p>
          )}
          {errors.map(([name, c]) => (
            <p key={name} id={`${c.id}-error`} className="field-error">
              <span className="l-error-field">{name}:</span> {c.error}
            </p>
          ))}
        </div>
      )}
      <div className="l-actions">
        <button type="button" className="btn btn-icon btn-small" aria-label={`Move line ${n} up`} title="Move up" disabled={index === 0} onClick={() => onMove(index, -1)}>
          <span aria-hidden="true">↑</span>
        </button>
        <button type="button" className="btn btn-icon btn-small" aria-label={`Move line ${n} down`} title="Move down" disabled={index === count - 1} onClick={() => onMove(index, 1)}>
          <span aria-hidden="true">↓</span>
        </button>
        <button type="button" className="btn btn-icon btn-small line-remove" aria-label={`Remove line ${n}`} title="Remove line" onClick={() => onRemove(index)}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
    </div>
  );
}
