// What new documents start with, from Settings: whether the business charges VAT, the rate new lines
// take, and the payment terms new customers get. Loaded at start-up and again whenever Settings change.
import { create } from 'zustand';
import type { SettingsView } from '../../shared/domain/settings';
import { defaultLineTaxRate } from '../../shared/domain/lineTaxRate';

export interface BusinessDefaults {
  vatRegistered: boolean;
  /** The rate a new line takes; null: none (exempt, or no VAT at all when not registered). */
  lineTaxRateBp: number | null;
  defaultPaymentTermsDays: number;
}

export const useBusinessDefaults = create<BusinessDefaults>(() => ({ vatRegistered: true, lineTaxRateBp: 1600, defaultPaymentTermsDays: 30 }));

export function businessDefaultsOf(view: SettingsView): BusinessDefaults {
  return {
    vatRegistered: view.business.vatRegistered,
    lineTaxRateBp: defaultLineTaxRate(view.business),
    defaultPaymentTermsDays: view.invoicing.defaultPaymentTermsDays,
  };
}
