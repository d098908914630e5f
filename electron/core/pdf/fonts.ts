// The invoice typeface, embedded (subset) in every PDF: DejaVu Sans, which has the accented Latin
// letters of customers' names (Zoë, Müller, Łódź) and the currency signs (€ £ ₦ ₹) the 14 standard PDF fonts lack.
import fs from 'node:fs';
import path from 'node:path';
import { Font } from '@react-pdf/renderer';
import { unpackedPath } from './asar';

export const INVOICE_FONT = 'Billbook Sans';
export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

let registeredFrom: string | null = null;

/** Registers the fonts in resources/fonts once per thread (react-pdf's font store is per thread). */
export function registerInvoiceFonts(resourcesDir: string): void {
  const dir = unpackedPath(path.join(resourcesDir, 'fonts'));
  if (registeredFrom === dir) return;
  for (const file of Object.values(FONT_FILES)) {
    if (!fs.existsSync(path.join(dir, file))) throw new Error(`The invoice font ${file} is missing from ${dir}`);
  }
  if (registeredFrom !== null) Font.clear();
  Font.register({
    family: INVOICE_FONT,
    fonts: [
      { src: path.join(dir, FONT_FILES.regular), fontWeight: 400 },
      { src: path.join(dir, FONT_FILES.bold), fontWeight: 700 },
    ],
  });
  // Whole words only: the default hyphenator splits names and invoice numbers at odd places.
  Font.registerHyphenationCallback((word) => [word]);
  registeredFrom = dir;
}
