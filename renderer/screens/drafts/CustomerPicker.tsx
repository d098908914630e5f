// The "Customer" combobox: type to search, arrows to move, Enter to pick, Escape to close.
// ARIA 1.2 combobox with a listbox popup; focus stays in the input (aria-activedescendant).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { invoke } from '../../api';
import type { CustomerListRow } from '../../../shared/domain/customer';
import { errorMessage } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { customerChoiceOf, type CustomerChoice } from './draftValues';
import { QuickCustomerDialog } from './QuickCustomerDialog';

interface CustomerPickerProps {
  id: string;
  value: CustomerChoice | null;
  onPick: (customer: CustomerChoice) => void;
  onBlur: () => void;
  error: string | undefined;
  describedBy: string | undefined;
}

type Results = { state: 'idle' } | { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; query: string; rows: CustomerListRow[] };

export function CustomerPicker({ id, value, onPick, onBlur, error, describedBy }: CustomerPickerProps) {
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value?.name ?? '');
  const [shownFor, setShownFor] = useState(value?.id ?? null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [results, setResults] = useState<Results>({ state: 'idle' });
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  // Each pick reads the customer in full; only the latest pick's answer may land.
  const lastPick = useRef(0);

  // A customer set from outside (loaded, reloaded) shows its name.
  if ((value?.id ?? null) !== shownFor) {
    setShownFor(value?.id ?? null);
    setText(value?.name ?? '');
  }

  // With the chosen customer's name in the box, opening the list shows everyone rather than one match.
  const query = value && text === value.name ? '' : text.trim();
  const debounced = useDebounced(query, 180);

  useEffect(() => {
    if (!open) return;
    let live = true;
    invoke('customers.list', { search: debounced, limit: 8 }).then(
      (page) => {
        if (!live) return;
        setResults({ state: 'ready', query: debounced, rows: page.rows });
        setActive(page.rows.length > 0 ? 0 : -1);
      },
      (e: unknown) => {
        if (live) setResults({ state: 'failed', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [open, debounced]);

  const rows = results.state === 'ready' ? results.rows : [];
  const stale = results.state === 'loading' || (results.state === 'ready' && results.query !== query);
  // The last choice: a new customer under what was typed (or a blank one), made without leaving the invoice.
  const createIndex = stale ? -1 : rows.length;
  const choices = stale ? 0 : rows.length + 1;
  const [creating, setCreating] = useState<string | null>(null);

  const close = (restore: boolean) => {
    setOpen(false);
    setActive(-1);
    if (restore && value) setText(value.name);
  };

  const pick = async (row: CustomerListRow) => {
    const ticket = ++lastPick.current;
    close(false);
    setText(row.name);
    setPicking(true);
    setPickError(null);
    try {
      const customer = await invoke('customers.get', { id: row.id });
      if (ticket === lastPick.current) onPick(customerChoiceOf(customer));
    } catch (e) {
      if (ticket !== lastPick.current) return;
      setPickError(errorMessage(e));
      setText(value?.name ?? '');
    } finally {
      if (ticket === lastPick.current) setPicking(false);
    }
  };

  const startCreate = () => {
    close(false);
    setCreating(query);
  };

  const openList = () => {
    if (!open) {
      setOpen(true);
      if (results.state === 'idle') setResults({ state: 'loading' });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openList();
        else if (choices > 0) setActive((a) => (a + 1) % choices);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openList();
        else if (choices > 0) setActive((a) => (a <= 0 ? choices - 1 : a - 1));
        break;
      case 'Enter': {
        if (!open) return;
        event.preventDefault();
        if (stale) break;
        const row = rows[active];
        if (row) void pick(row);
        else if (active === createIndex) startCreate();
        break;
      }
      case 'Escape':
        if (open || (value && text !== value.name)) {
          event.preventDefault();
          event.stopPropagation();
          close(true);
        }
        break;
      case 'Tab':
        if (open) close(true);
        break;
    }
  };

  const activeRow = open && !stale && active >= 0 && active < choices ? active : undefined;
  const optionId = (i: number) => `${listId}-option-${i}`;
  const statusText = (() => {
    if (!open) return '';
    if (results.state === 'failed') return `Could not search customers: ${results.message}`;
    if (stale || results.state !== 'ready') return 'Searching…';
    if (rows.length === 0) return query ? `No customer matches “${query}”: add them as a new customer` : 'No customers yet: add one here';
    return '';
  })();

  return (
    <div className="combo">
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeRow !== undefined ? optionId(activeRow) : undefined}
        aria-invalid={error || pickError ? true : undefined}
        aria-describedby={describedBy}
        aria-busy={picking || undefined}
        placeholder="Search by name, email, phone or code"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          openList();
        }}
        onClick={openList}
        onKeyDown={onKeyDown}
        onBlur={() => {
          close(true);
          onBlur();
        }}
      />
      <div className="combo-popup" hidden={!open}>
        <ul id={listId} role="listbox" aria-label="Customers" className="combo-list">
          {!stale &&
            rows.map((row, i) => (
              <li
                key={row.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className="combo-option"
                // mousedown, not click: the input must not lose focus (and close the list) first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  void pick(row);
                }}
                onMouseMove={() => setActive(i)}
              >
                <span className="combo-name">{row.name}</span>
                <span className="combo-detail">
                  <span className="code">{row.code}</span> · {row.currency}
                  {row.email && ` · ${row.email}`}
                </span>
              </li>
            ))}
          {!stale && (
            <li
              id={optionId(createIndex)}
              role="option"
              aria-selected={active === createIndex}
              className="combo-option combo-create"
              onMouseDown={(e) => {
                e.preventDefault();
                startCreate();
              }}
              onMouseMove={() => setActive(createIndex)}
            >
              <span className="combo-name">+ New customer{query ? ` “${query}”` : ''}</span>
              <span className="combo-detail">Add them now and bill them on this invoice</span>
            </li>
          )}
        </ul>
        <p className="combo-status" role="status">{statusText}</p>
      </div>
      {picking && <p className="field-hint">Loading the customer’s terms…</p>}
      {pickError && <p className="field-error">That customer could not be loaded: {pickError}</p>}
      {creating !== null && (
        <QuickCustomerDialog
          name={creating}
          onClose={() => setCreating(null)}
          onCreated={(customer) => {
            setCreating(null);
            setText(customer.name);
            onPick(customerChoiceOf(customer));
            window.requestAnimationFrame(() => inputRef.current?.focus());
          }}
        />
      )}
    </div>
  );
}
