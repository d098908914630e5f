// What the analytics screen remembers while a person opens an invoice and comes back: the period and
// the currency they were looking at.
import { create } from 'zustand';
import type { PeriodPreset } from '../../../shared/domain/analytics';

export interface PeriodChoice {
  preset: PeriodPreset;
  /** YYYY-MM-DD or '' (custom only). */
  from: string;
  to: string;
}

interface AnalyticsState {
  period: PeriodChoice;
  /** The currency chosen on each tab that splits by currency; null: the main currency. */
  currency: string | null;
  setPeriod: (period: PeriodChoice) => void;
  setCurrency: (currency: string | null) => void;
}

export const useAnalyticsStore = create<AnalyticsState>((set) => ({
  period: { preset: 'thisMonth', from: '', to: '' },
  currency: null,
  setPeriod: (period) => set({ period }),
  setCurrency: (currency) => set({ currency }),
}));

/** The presets [ and ] step through, in the order the picker lists them (custom is not a step). */
export const STEPPED_PRESETS: PeriodPreset[] = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'last12Months'];
