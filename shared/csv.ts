// The one guard for every CSV cell Billbook writes, and its undoing for the one file it reads back
// (the customer import). A spreadsheet runs a cell starting with =, +, - or @ (or a tab or line
// break) as a formula: CSV injection. OWASP's defence is a leading apostrophe, shown as text.

/** What a spreadsheet may run: a formula character first (after any spaces), or a tab or line break. */
const RUNNABLE = /^(?:[\t\r\n]|\s*[=+\-@])/;
/**
 * What our guard leaves: one apostrophe more than the text had, before a runnable start. Text that
 * already begins with apostrophes before a formula character is guarded too, so undoing it strips
 * exactly the apostrophe we added and never one the customer typed ("'Quoted Ltd" stays as it is).
 */
const GUARDED = /^'+(?:[\t\r\n]|\s*[=+\-@])/;
/** A plain number, negative amounts included, stays a number: it cannot run anything. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A text cell as it must be written to a CSV file. */
export function spreadsheetSafe(text: string): string {
  if (PLAIN_NUMBER.test(text)) return text;
  return RUNNABLE.test(text) || GUARDED.test(text) ? `'${text}` : text;
}

/** The text a cell of our own export held before `spreadsheetSafe`: exactly its inverse. */
export function fromSpreadsheetSafe(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}
