/** A KRA PIN: A (individual) or P (non-individual), nine digits, a check letter. */
const KRA_PIN = /^[AP]\d{9}[A-Z]$/;

export function normalizeTaxId(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]/g, '');
}

/** Returns why the tax ID is wrong for that country, or null when it is acceptable. */
export function taxIdProblem(taxId: string, countryCode: string | null): string | null {
  if (taxId === '') return null;
  if (countryCode === 'KE' && !KRA_PIN.test(taxId)) {
    return 'A KRA PIN is A or P, nine digits and a letter, e.g. P051234567X';
  }
  if (taxId.length > 40) return 'Tax ID is too long';
  return null;
}
