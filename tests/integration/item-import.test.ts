// Item and product lists from other tools into the catalog: each tool's columns, prices exact in the
// currency, VAT rates in the tool's words, and every row that has a name imported.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call, fixture, makeCore, refused } from '../helpers/core';

const source = (name: string) => fixture(`sources/${name}`);

async function importItems(core: Core, csvText: string, duplicateActions: Record<string, 'skip' | 'update'> = {}) {
  const preview = await call(core, 'items.import.preview', { csvText, fileName: 'items.csv' });
  const result = await call(core, 'items.import.commit', { csvText, fileName: 'items.csv', mapping: preview.mapping, duplicateActions });
  return { preview, result };
}

const catalog = async (core: Core) =>
  (await call(core, 'items.list', { includeArchived: true })).rows.map(({ name, code, unit, priceMinor, taxRateBp, archived }) => ({ name, code, unit, priceMinor, taxRateBp, archived }));

describe('item import', () => {
  it('Zoho Invoice items: rates with three decimals and a currency prefix, units, inactive items archived, an inexact price left out', async () => {
    const { core } = makeCore();
    const { preview, result } = await importItems(core, source('zoho-items.csv'));
    expect(preview.source.id).toBe('zoho');
    expect(preview.mapping).toMatchObject({ name: 'Item Name', code: 'SKU', price: 'Rate', unit: 'Usage unit', taxRate: 'Tax Percentage', status: 'Status' });
    expect(preview.warnings).toEqual([
      { line: 5, name: 'Roofing nails', field: 'price', value: '12.345', message: 'price 12.345 left out: not exact in KES (at most 2 decimals)' },
    ]);
    expect(result).toEqual({ created: 4, updated: 0, skipped: 0, rejected: 0 });
    expect(await catalog(core)).toEqual([
      { name: 'Cement 50kg', code: 'CEM-50', unit: 'bag', priceMinor: 78_000, taxRateBp: 1600, archived: false },
      // Zoho leaves the rate blank for an item it charges no VAT on.
      { name: 'Delivery', code: '', unit: 'trip', priceMinor: 150_000, taxRateBp: null, archived: false },
      { name: 'Roofing nails', code: 'NAIL-R', unit: 'kg', priceMinor: null, taxRateBp: 1600, archived: false },
      { name: 'Steel bar 12mm', code: 'Y12', unit: 'piece', priceMinor: 95_050, taxRateBp: 1600, archived: true },
    ]);
  });

  it('QuickBooks, Xero and Invoice Ninja lists: taxable yes/no, rates named in words, floats printed in full', async () => {
    const { core } = makeCore();
    const qbo = await importItems(core, source('quickbooks-online-products.csv'));
    expect(qbo.preview.source.id).toBe('quickbooksOnline');
    expect(qbo.preview.rejected).toMatchObject([{ line: 4, reasons: ['Name: this row has no item name'] }]);
    const qbd = await importItems(core, source('quickbooks-desktop-items.csv'));
    expect(qbd.preview.source.id).toBe('quickbooksDesktop');
    const xero = await importItems(core, source('xero-items.csv'));
    expect(xero.preview.source.id).toBe('xero');
    const ninja = await importItems(core, source('invoice-ninja-products.csv'));
    expect(ninja.preview).toMatchObject({ source: { id: 'invoiceNinja' }, totalRows: 2, warnings: [] });
    const all = Object.fromEntries((await catalog(core)).map((i) => [i.name, i]));
    expect(all['Website hosting']).toMatchObject({ priceMinor: 1_500_000, taxRateBp: 1600 });
    expect(all['Training day']).toMatchObject({ priceMinor: 4_500_000, taxRateBp: null });
    expect(all['Tyre fitting']).toMatchObject({ unit: 'tyre', priceMinor: 50_000, taxRateBp: 1600 });
    expect(all['Wiper blades']).toMatchObject({ priceMinor: 120_000, taxRateBp: null, archived: true });
    expect(all['Maize milling']).toMatchObject({ code: 'MILL-100', priceMinor: 100_000, taxRateBp: 1600 });
    expect(all['Empty bags']).toMatchObject({ taxRateBp: 0 });
    expect(all['Advice']).toMatchObject({ priceMinor: null, taxRateBp: null });
    expect(all['Cold storage day']).toMatchObject({ priceMinor: 978 });
  });

  it('a hand-made list: usual column names, a repeat in the file rejected, an existing item skipped or updated as chosen', async () => {
    const { core } = makeCore();
    await call(core, 'items.create', { name: 'Cement', code: 'CEM', unit: 'bag', priceMinor: 75_000 });
    const csvText = source('spreadsheet-items.csv');
    const preview = await call(core, 'items.import.preview', { csvText });
    expect(preview.mapping).toMatchObject({ name: 'Item', price: 'Price (KES)', unit: 'Unit', taxRate: 'VAT', code: 'Code' });
    expect(preview.duplicates).toEqual([{ line: 2, name: 'Cement', matchedOn: 'code', existing: expect.objectContaining({ code: 'CEM' }) }]);
    expect(preview.rejected).toMatchObject([{ line: 5, reasons: ['Same name as line 2 of this file'] }]);
    expect(preview.warnings.map((w) => w.message)).toEqual(['price ask left out: not an amount']);
    expect(preview).toMatchObject({ acceptedRows: 2, totalRows: 4 });
    await call(core, 'items.import.commit', { csvText, mapping: preview.mapping, duplicateActions: { '2': 'update' } });
    expect(await catalog(core)).toEqual([
      { name: 'Cement', code: 'CEM', unit: 'bag', priceMinor: 78_000, taxRateBp: 1600, archived: false },
      { name: 'Delivery', code: '', unit: '', priceMinor: 150_000, taxRateBp: null, archived: false },
      { name: 'Sand', code: '', unit: 'tonne', priceMinor: null, taxRateBp: 1600, archived: false },
    ]);
    // Again: everything is now in the catalog; skipped unless the person says update.
    const again = await importItems(core, csvText);
    expect(again.result).toEqual({ created: 0, updated: 0, skipped: 3, rejected: 1 });
  });

  it('explains a file without an item name column', async () => {
    const { core } = makeCore();
    const error = await refused(core, 'items.import.preview', { csvText: 'Price,VAT\n100,16%\n' });
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/which column holds the item’s name/) });
  });
});
