import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSpreadsheetSafe, spreadsheetSafe } from '../../shared/csv';

const RUNS_AS_FORMULA = /^(?:[\t\r\n]|\s*[=+\-@])/;
// Text biased towards what matters: formula characters, apostrophes and spaces at the start.
const tricky = fc
  .tuple(fc.array(fc.constantFrom("'", '=', '+', '-', '@', ' ', '\t', '\n', '1', '.', 'a'), { maxLength: 5 }), fc.string({ maxLength: 12 }))
  .map(([start, rest]) => start.join('') + rest);

describe('the CSV cell guard', () => {
  it('never leaves a runnable cell, keeps plain numbers, and is undone exactly', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string()), (text) => {
        const cell = spreadsheetSafe(text);
        if (!/^-?\d+(\.\d+)?$/.test(text)) expect(cell).not.toMatch(RUNS_AS_FORMULA);
        expect(fromSpreadsheetSafe(cell)).toBe(text);
      }),
      { numRuns: 5000 },
    );
    expect(spreadsheetSafe('-1500.50')).toBe('-1500.50');
    expect(spreadsheetSafe("'Tis the season")).toBe("'Tis the season");
    expect(fromSpreadsheetSafe("'Tis the season")).toBe("'Tis the season");
  });
});
