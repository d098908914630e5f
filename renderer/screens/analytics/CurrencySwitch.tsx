import { useId } from 'react';
import { useAnalyticsStore } from './analyticsStore';

interface CurrencySwitchProps {
  /** The currencies on offer, main first (as the backend orders them). */
  currencies: { currency: string; main?: boolean }[];
}

/**
 * Which currency's figures are on screen. Amounts in different currencies are never added, so each
 * currency is its own view; the main currency comes first and is the default.
 */
export function CurrencySwitch({ currencies }: CurrencySwitchProps) {
  const name = useId();
  const chosen = useChosenCurrency(currencies.map((c) => c.currency));
  const setCurrency = useAnalyticsStore((s) => s.setCurrency);
  if (currencies.length < 2) return null;
  return (
    <fieldset className="currency-switch">
      <legend>Currency</legend>
      {currencies.map((c) => (
        <label key={c.currency} className={c.currency === chosen ? 'currency-chosen' : undefined}>
          <input type="radio" name={name} value={c.currency} checked={c.currency === chosen} onChange={() => setCurrency(c.currency)} />
          {c.currency}
          {c.main && <span className="muted"> (main)</span>}
        </label>
      ))}
    </fieldset>
  );
}

/** The chosen currency if this view has it, else the first (the main currency). */
export function useChosenCurrency(available: string[]): string | undefined {
  const chosen = useAnalyticsStore((s) => s.currency);
  return chosen && available.includes(chosen) ? chosen : available[0];
}
