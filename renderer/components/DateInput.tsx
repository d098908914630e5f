// A date field the Kenyan way: it shows and takes 18/11/2026 (a browser's own date field shows
// the browser's order, 11/18/2026 in a US Chromium), and a calendar button opens the browser's
// picker. The value it reports is the stored form, 2026-11-18, once what is typed is a date;
// before that, the text as typed, so the form's check can say what is wrong.
import { useRef, useState, type InputHTMLAttributes } from 'react';
import { dateFieldText, readDate } from '../../shared/dates';
import { formatDate } from '../lib/format';

type Passed = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'>;

interface DateInputProps extends Passed {
  id: string;
  /** YYYY-MM-DD, '' for none, or text that is not a date yet. */
  value: string;
  onValue: (value: string) => void;
  /** What the calendar button is called for a screen reader, e.g. "Issue date". */
  label: string;
  min?: string;
  max?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function DateInput({ id, value, onValue, label, min, max, className, onBlur, ...input }: DateInputProps) {
  const shown = ISO.test(value) ? dateFieldText(value) : value;
  // What is typed stays as typed while it is being typed ("1/12/2" on its way to "1/12/2026").
  const [typed, setTyped] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  const change = (text: string) => {
    setTyped(text);
    if (text.trim() === '') return onValue('');
    const reading = readDate(text);
    onValue(reading.ok ? reading.iso : text);
  };

  const openPicker = () => {
    const el = picker.current;
    if (!el) return;
    el.value = ISO.test(value) ? value : '';
    try {
      el.showPicker();
    } catch {
      // A browser without showPicker: the field still takes a typed date.
      document.getElementById(id)?.focus();
    }
  };

  return (
    <span className={`date-input${className ? ` ${className}` : ''}`}>
      <input
        {...input}
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={input.placeholder ?? 'dd/mm/yyyy'}
        value={typed ?? shown}
        onChange={(e) => change(e.target.value)}
        onBlur={(e) => {
          // Once left, a date reads back the one way ("1/2/26" -> "01/02/2026").
          setTyped(null);
          onBlur?.(e);
        }}
      />
      <button
        type="button"
        className="btn btn-icon date-input-pick"
        // Named "Calendar" and described by the field's label, so the field keeps its label to itself.
        aria-label="Calendar"
        aria-describedby={`${id}-calendar-for`}
        title={ISO.test(value) ? formatDate(value) : 'Choose from a calendar'}
        onClick={openPicker}
        disabled={input.disabled}
      >
        <span aria-hidden="true">▦</span>
      </button>
      <span id={`${id}-calendar-for`} hidden>Choose the {label.toLowerCase()} from a calendar</span>
      <input
        ref={picker}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        className="date-input-native"
        min={min}
        max={max}
        onChange={(e) => {
          if (!e.target.value) return;
          setTyped(null);
          onValue(e.target.value);
        }}
      />
    </span>
  );
}
