// A business's default VAT rate for a new line, apart from the settings schemas (the first screen's bundle needs it, not zod).

/** The VAT a new line takes for this business: none at all when it is not registered. */
export function defaultLineTaxRate(business: { vatRegistered: boolean; defaultTaxRateBp: number | null }): number | null {
  return business.vatRegistered ? business.defaultTaxRateBp : null;
}
