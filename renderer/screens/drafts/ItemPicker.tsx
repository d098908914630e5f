// "Add from the catalog": type to search the items, arrows to move, Enter to add the item as a
// line (description, unit, price and VAT rate filled), Escape to close. ARIA 1.2 combobox with a
// listbox popup; focus stays in the input (aria-activedescendant) until the line is added, then
// moves to its quantity.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { invoke } from '../../api';
import type { Item } from '../../../shared/domain/item';
import type { CurrencyCode } from '../../../shared/money';
import { errorMessage } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { paths } from '../../lib/router';
import { priceText, vatText } from '../items/itemText';
import { moneyText, taxRateValue, type LineValues } from './draftValues';

interface ItemPickerProps {
  currency: CurrencyCode;
  onPick: (line: Omit<LineValues, 'key'>, note: string | null) => void;
}

type Results = { state: 'idle' } | { state: 'failed'; message: string } | { state: 'ready'; query: string; rows: Item[] };

/** The line an item makes on an invoice in `currency`; its price only when it is in that currency. */
export function lineOfItem(item: Item, currency: CurrencyCode): { line: Omit<LineValues, 'key'>; note: string | null } {
  const priced = item.priceMinor !== null && item.currency === currency;
  return {
    line: {
      description: item.name, quantity: '1', unit: item.unit, unitPrice: priced ? moneyText(item.priceMinor!, currency) : '',
      taxRate: taxRateValue(item.taxRateBp), priceIncludesTax: null, itemId: item.id,
    },
    note:
      item.priceMinor !== null && !priced
        ? `“${item.name}” is priced in ${item.currency} in the catalog; enter its price in ${currency}.`
        : item.priceMinor === null
          ? `“${item.name}” has no set price; enter it on the line.`
          : null,
  };
}

export function ItemPicker({ currency, onPick }: ItemPickerProps) {
  const listId = useId();
  const inputId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [results, setResults] = useState<Results>({ state: 'idle' });
  const query = useDebounced(text.trim(), 120);

  useEffect(() => {
    if (!open) return;
    let live = true;
    invoke('items.search', { query, limit: 8 }).then(
      (rows) => {
        if (!live) return;
        setResults({ state: 'ready', query, rows });
        setActive(rows.length > 0 ? 0 : -1);
      },
      (e: unknown) => {
        if (live) setResults({ state: 'failed', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [open, query]);

  const rows = results.state === 'ready' ? results.rows : [];
  const stale = results.state === 'idle' || (results.state === 'ready' && results.query !== text.trim());

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const pick = (item: Item) => {
    const { line, note } = lineOfItem(item, currency);
    close();
    setText('');
    onPick(line, note);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else if (rows.length > 0) setActive((a) => (a + 1) % rows.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) setOpen(true);
        else if (rows.length > 0) setActive((a) => (a <= 0 ? rows.length - 1 : a - 1));
        break;
      case 'Enter': {
        // Enter never submits the editor from here: it picks, or does nothing.
        event.preventDefault();
        const row = rows[active];
        if (open && row && !stale) pick(row);
        break;
      }
      case 'Escape':
        if (open || text !== '') {
          event.preventDefault();
          event.stopPropagation();
          if (open) close();
          else setText('');
        }
        break;
      case 'Tab':
        close();
        break;
    }
  };

  const optionId = (i: number) => `${listId}-option-${i}`;
  const activeRow = open && !stale ? rows[active] : undefined;
  const status = (() => {
    if (!open) return '';
    if (results.state === 'failed') return `Could not search the catalog: ${results.message}`;
    if (stale) return 'Searching…';
    if (rows.length === 0) return text.trim() ? `No item matches “${text.trim()}”` : 'No items in the catalog yet.';
    return '';
  })();

  return (
    <div className="item-picker">
      <label htmlFor={inputId}>Add from the catalog</label>
      <div className="combo">
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeRow ? optionId(active) : undefined}
          aria-describedby={`${inputId}-hint`}
          placeholder="Search items by name or code"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
          onBlur={close}
        />
        <div className="combo-popup" hidden={!open}>
          <ul id={listId} role="listbox" aria-label="Catalog items" className="combo-list">
            {!stale &&
              rows.map((item, i) => (
                <li
                  key={item.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className="combo-option"
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(item);
                  }}
                  onMouseMove={() => setActive(i)}
                >
                  <span className="combo-name">{item.name}</span>
                  <span className="combo-detail">
                    {item.code && <><span className="code">{item.code}</span> · </>}
                    {priceText(item)} · {vatText(item)}
                  </span>
                </li>
              ))}
          </ul>
          <p className="combo-status" role="status">{status}</p>
          {open && !stale && rows.length === 0 && results.state === 'ready' && !text.trim() && (
            <p className="combo-status"><a href={paths.itemNew()}>Add items to the catalog</a></p>
          )}
        </div>
      </div>
      <p id={`${inputId}-hint`} className="field-hint">Fills the description, unit, price and VAT rate of a new line; ↓ to see items, Enter to add.</p>
    </div>
  );
}
