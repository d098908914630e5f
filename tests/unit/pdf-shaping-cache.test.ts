// The PDF shaping cache (pdf/textCaches.ts) keeps two generations: a run used again stays, however
// many new ones come after it, while runs not used for two generations are shaped again.
import { describe, expect, it } from 'vitest';
import { cacheShaping } from '../../electron/core/pdf/textCaches';

/** A font that counts how often each text is really shaped: a class of its own each time, as the cache patches a font's class once. */
function countingFont() {
  return new (class CountingFont {
    shaped = new Map<string, number>();
    layout(text: string): { text: string } {
      this.shaped.set(text, (this.shaped.get(text) ?? 0) + 1);
      return { text };
    }
  })();
}

describe('the shaping cache', () => {
  it('shapes a text once while it is in use, and again only after two generations unused', () => {
    const font = countingFont();
    cacheShaping(font, 3);
    const first = font.layout('Subtotal');
    // Ten new texts, with "Subtotal" used between each: it never leaves the newer generation's reach.
    for (let i = 0; i < 10; i++) {
      font.layout(`line ${i}`);
      expect(font.layout('Subtotal')).toBe(first);
    }
    expect(font.shaped.get('Subtotal')).toBe(1);
    // "line 0" was last used nine texts ago: two generations of three have passed, so it is shaped again.
    font.layout('line 0');
    expect(font.shaped.get('line 0')).toBe(2);
    // "line 9" was just used: still remembered.
    font.layout('line 9');
    expect(font.shaped.get('line 9')).toBe(1);
  });

  it('keeps texts apart by their features and direction', () => {
    const font = countingFont();
    cacheShaping(font, 100);
    font.layout('16%');
    (font.layout as (text: string, features?: unknown, script?: string, language?: string, direction?: string) => unknown)('16%', [], undefined, undefined, 'ltr');
    font.layout('16%');
    expect(font.shaped.get('16%')).toBe(2);
  });
});
