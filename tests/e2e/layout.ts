// What "no table is clipped" means, checked in the page: every table fits the box it sits in, and
// nothing inside a table reaches past the table's right edge (a cut-off column, a button hidden
// beyond the scroll); the page itself does not scroll sideways.
import type { Page } from '@playwright/test';

export interface Overflow {
  table: string;
  what: string;
  by: number;
}

export async function tableOverflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const out: { table: string; what: string; by: number }[] = [];
    const name = (el: Element) => el.getAttribute('aria-label') ?? el.querySelector('caption')?.textContent ?? el.getAttribute('aria-labelledby') ?? el.className;
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) out.push({ table: '(page)', what: 'the page scrolls sideways', by: doc.scrollWidth - window.innerWidth });
    for (const table of document.querySelectorAll('table, [role="table"], [role="grid"]')) {
      const box = table.getBoundingClientRect();
      if (box.width === 0) continue;
      // The visible area: the nearest ancestor that clips (a scrolling wrapper), else the main column.
      let clip: Element | null = table.parentElement;
      while (clip && clip !== document.body) {
        const style = getComputedStyle(clip);
        if (style.overflowX !== 'visible') break;
        clip = clip.parentElement;
      }
      const area = (clip && clip !== document.body ? clip : document.querySelector('main') ?? doc).getBoundingClientRect();
      if (box.right > area.right + 1) out.push({ table: name(table), what: 'the table is wider than its box', by: Math.round(box.right - area.right) });
      for (const el of table.querySelectorAll('th, td, [role="cell"], [role="columnheader"], [role="rowheader"], button, a, .badge, .field-error')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        const right = Math.min(box.right, area.right);
        if (r.right > right + 1) out.push({ table: name(table), what: describe(el), by: Math.round(r.right - right) });
        // Text cut off inside a cell that hides what does not fit (no ellipsis meant for it).
        if (el instanceof HTMLElement && (el.tagName === 'TD' || el.tagName === 'TH') && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden') {
          out.push({ table: name(table), what: `${describe(el)} hides its text`, by: el.scrollWidth - el.clientWidth });
        }
      }
    }
    return out;
  });
}
