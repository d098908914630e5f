import type { InputHTMLAttributes, Ref } from 'react';
import { MINOR_DIGITS, type CurrencyCode } from '../../shared/money';

interface MoneyInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  value: string;
  onChange: (text: string) => void;
  currency: CurrencyCode;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A text box for an amount of money, kept as the text a person typed ("15,000", "2.5k");
 * read it with parseMoney. Never a number input: those round through floats and drop commas.
 */
export function MoneyInput({ value, onChange, currency, className, ref, ...rest }: MoneyInputProps) {
  return (
    <input
      ref={ref}
      type="text"
      inputMode={MINOR_DIGITS[currency] > 0 ? 'decimal' : 'numeric'}
      autoComplete="off"
      spellCheck={false}
      className={`money-input${className ? ` ${className}` : ''}`}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...rest}
    />
  );
}

/** Minor units as text a person can edit and parseMoney reads back: 150000 -> "1,500.00". */
export function moneyText(minor: number, currency: CurrencyCode): string {
  const digits = MINOR_DIGITS[currency];
  const scale = 10 ** digits;
  const major = Math.floor(minor / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return digits > 0 ? `${major}.${(minor % scale).toString().padStart(digits, '0')}` : major;
}
