import { describe, expect, it } from 'vitest';
import { textProblem } from '../../shared/text';

// Which characters a field refuses, written out from the rules rather than the code's regexes.
const isControl = (c: number) => (c <= 0x1f && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f);
const isHiddenFormat = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || (c >= 0xfff9 && c <= 0xfffb);
const isLineBreakOrTab = (c: number) => [0x0a, 0x0d, 0x85, 0x2028, 0x2029, 0x09].includes(c);

describe('what a text field refuses', () => {
  it('accepts printable text, and refuses each control, line break and direction character where the field does', () => {
    const codes = [...Array.from({ length: 0x180 }, (_, c) => c), 0x200e, 0x200f, 0x061c, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069, 0xfff9, 0xfffb, 0xfffc, 0x1f600];
    for (const code of codes) {
      const text = `Wanjiku ${String.fromCodePoint(code)} Traders`;
      expect({ code, refused: textProblem(text, 'oneLine') !== null }).toEqual({ code, refused: isControl(code) || isHiddenFormat(code) || isLineBreakOrTab(code) });
      expect({ code, refused: textProblem(text, 'multiLine') !== null }).toEqual({ code, refused: isControl(code) || isHiddenFormat(code) });
    }
    expect(textProblem('', 'oneLine')).toBeNull();
    expect(textProblem('Line one\nline two', 'oneLine')).toMatch(/Line breaks are not allowed/);
    expect(textProblem('Tab\there', 'oneLine')).toMatch(/Tabs are not allowed/);
    expect(textProblem('bell\u0007', 'multiLine')).toMatch(/invisible control character \(U\+0007\)/);
    expect(textProblem('abc\u202Edef', 'multiLine')).toMatch(/hidden text-direction character \(U\+202E\)/);
  });
});
