// The item catalog through its channels: add, edit, archive, search as you type, export and back.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { call, makeCore, refused } from '../helpers/core';

describe('item catalog', () => {
  it('adds, edits and archives items, each with its audit and outbox rows, and refuses a stale edit', async () => {
    const { core, dir } = makeCore();
    const cement = await call(core, 'items.create', { name: 'Cement 50 kg', code: 'CEM-50', unit: 'bag', priceMinor: 78_000 });
    expect(cement).toMatchObject({ name: 'Cement 50 kg', code: 'CEM-50', unit: 'bag', priceMinor: 78_000, currency: 'KES', taxRateBp: 1600, archived: false, version: 1 });
    const delivery = await call(core, 'items.create', { name: 'Delivery', priceMinor: 150_000, taxRateBp: null });
    expect(delivery.taxRateBp).toBeNull();

    const edited = await call(core, 'items.update', { id: cement.id, version: 1, item: { name: 'Cement 50 kg', code: 'CEM-50', unit: 'bag', priceMinor: 80_000 } });
    expect(edited).toMatchObject({ priceMinor: 80_000, version: 2 });
    const stale = await refused(core, 'items.update', { id: cement.id, version: 1, item: { name: 'Cement', priceMinor: 1 } });
    expect(stale).toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed elsewhere/) });

    const archived = await call(core, 'items.archive', { id: delivery.id });
    expect(archived).toMatchObject({ archived: true, archivedAt: '2026-11-21T09:00:00.000Z' });
    expect((await call(core, 'items.list', {})).rows.map((i) => i.name)).toEqual(['Cement 50 kg']);
    expect((await call(core, 'items.list', { includeArchived: true })).rows.map((i) => i.name)).toEqual(['Cement 50 kg', 'Delivery']);
    expect(await refused(core, 'items.update', { id: delivery.id, version: 2, item: { name: 'Delivery' } })).toMatchObject({ message: expect.stringMatching(/archived. Restore it/) });
    expect((await call(core, 'items.restore', { id: delivery.id })).archived).toBe(false);

    const raw = openDatabase(path.join(dir, 'billbook.db'));
    const outbox = raw.prepare("SELECT mutation FROM changes WHERE entity = 'item' ORDER BY counter").all();
    const audit = raw.prepare("SELECT summary_text(summary) AS summary FROM audit_log WHERE history_word(entity) = 'item' ORDER BY id").all();
    raw.close();
    expect(outbox.map((r) => (r as { mutation: string }).mutation)).toEqual(['items.create', 'items.create', 'items.update', 'items.archive', 'items.restore']);
    expect(audit.map((r) => (r as { summary: string }).summary)).toContain('Changed priceMinor');
  });

  it('keeps a code to one live item, says which has it, and lets an archived item give its code up', async () => {
    const { core } = makeCore();
    const first = await call(core, 'items.create', { name: 'Sand', code: 'SND' });
    const clash = await refused(core, 'items.create', { name: 'River sand', code: 'snd' });
    expect(clash).toMatchObject({ code: 'conflict', fields: { code: 'Used by Sand' } });
    expect(clash.message).toMatch(/The code snd is already used by “Sand”/);
    await call(core, 'items.archive', { id: first.id });
    const second = await call(core, 'items.create', { name: 'River sand', code: 'SND' });
    expect((await refused(core, 'items.restore', { id: first.id })).message).toMatch(/already used by “River sand”/);
    expect(second.code).toBe('SND');
  });

  it('refuses what cannot be an item, with a message per field, and saves nothing', async () => {
    const { core } = makeCore();
    const bad = await refused(core, 'items.create', { name: '  ', priceMinor: -5, taxRateBp: 20_000, unit: 'x'.repeat(30) });
    expect(bad.fields).toMatchObject({
      name: 'Give the item a name, as it should read on an invoice', priceMinor: 'Price cannot be negative',
      taxRateBp: 'Tax rate is at most 100%', unit: 'At most 20 characters',
    });
    expect((await refused(core, 'items.create', { name: 'Two\nlines' })).fields?.name).toMatch(/Line breaks are not allowed/);
    expect((await call(core, 'items.list', { includeArchived: true })).total).toBe(0);
  });

  it('finds items as you type by any word of the name or the code, live ones only, an exact code first', async () => {
    const { core } = makeCore();
    for (const [name, code] of [['Cement 50 kg', 'CEM'], ['White cement', ''], ['Roofing nails', 'NL-1'], ['Delivery within Nairobi', 'CE']] as const) {
      await call(core, 'items.create', { name, code });
    }
    const gone = await call(core, 'items.create', { name: 'Cement old stock' });
    await call(core, 'items.archive', { id: gone.id });
    const names = async (query: string) => (await call(core, 'items.search', { query })).map((i) => i.name);
    expect(await names('cem')).toEqual(['Cement 50 kg', 'White cement']);
    expect(await names('ce')).toEqual(['Delivery within Nairobi', 'Cement 50 kg', 'White cement']);
    expect(await names('nairobi del')).toEqual(['Delivery within Nairobi']);
    expect(await names('nl-1')).toEqual(['Roofing nails']);
    expect(await names('')).toEqual(['Cement 50 kg', 'Delivery within Nairobi', 'Roofing nails', 'White cement']);
    expect(await names('"*')).toEqual([]);
    expect((await call(core, 'items.list', { search: 'cement', includeArchived: true })).rows.map((i) => i.name)).toEqual(['Cement 50 kg', 'Cement old stock', 'White cement']);
  });

  it('exports the catalog as a CSV its own import reads back as the same items, formulas guarded', async () => {
    const first = makeCore();
    await call(first.core, 'items.create', { name: 'Cement', code: 'CEM', unit: 'bag', priceMinor: 78_050 });
    await call(first.core, 'items.create', { name: '=HYPERLINK("x")', priceMinor: null, taxRateBp: null });
    const old = await call(first.core, 'items.create', { name: 'Zero-rated export', taxRateBp: 0, priceMinor: 100 });
    await call(first.core, 'items.archive', { id: old.id });
    const file = await call(first.core, 'items.export', { includeArchived: true });
    expect(file.rows).toBe(3);
    expect(file.csvText).toContain("'=HYPERLINK");

    const second = makeCore();
    const preview = await call(second.core, 'items.import.preview', { csvText: file.csvText, fileName: file.fileName });
    expect(preview).toMatchObject({ acceptedRows: 3, rejected: [], warnings: [], source: { id: 'spreadsheet' } });
    await call(second.core, 'items.import.commit', { csvText: file.csvText, fileName: file.fileName, mapping: preview.mapping });
    const back = (await call(second.core, 'items.list', { includeArchived: true })).rows;
    const shape = (items: typeof back) => items.map(({ name, code, unit, priceMinor, currency, taxRateBp, archived }) => ({ name, code, unit, priceMinor, currency, taxRateBp, archived }));
    expect(shape(back)).toEqual(shape((await call(first.core, 'items.list', { includeArchived: true })).rows));
  });
});
