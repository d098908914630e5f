import { describe, expect, it } from 'vitest';
import { call, fixture, makeCore, refused } from '../helpers/core';
import type { Core } from '../../electron/core/app';

async function importAll(core: Core, csvText: string, duplicateActions: Record<string, 'skip' | 'update'> = {}) {
  const preview = await call(core, 'customers.import.preview', { csvText, fileName: 'test.csv' });
  const result = await call(core, 'customers.import.commit', { csvText, fileName: 'test.csv', mapping: preview.mapping, duplicateActions });
  return { preview, result };
}

const names = async (core: Core) => (await call(core, 'customers.list', { sort: 'code' })).rows.map((r) => r.name);

describe('CSV import', () => {
  it('reads a UTF-8 BOM, semicolons and CRLF', async () => {
    const { core } = makeCore();
    const { preview, result } = await importAll(core, fixture('bom-semicolon-crlf.csv'));
    expect(preview).toMatchObject({ delimiter: ';', headers: ['Name', 'Email', 'Phone', 'City'], acceptedRows: 2, rejected: [] });
    expect(result).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 0 });
    const [first] = (await call(core, 'customers.list', { search: 'wanjiku' })).rows;
    expect(first).toMatchObject({ name: 'Wanjiku Traders', phone: '+254722123456' });
  });

  it('keeps commas, quotes and newlines inside quoted fields', async () => {
    const { core } = makeCore();
    await importAll(core, fixture('quoted-multiline.csv'));
    expect(await names(core)).toEqual(['Kamau, Otieno & Sons', 'Jane "JJ" Doe']);
    const kamau = (await call(core, 'customers.list', { search: 'kamau' })).rows[0]!;
    const full = await call(core, 'customers.get', { id: kamau.id });
    expect(full.notes).toBe('Prefers M-Pesa.\nCall before 10am, not after.');
    expect(full.address.street).toBe('Plot 12, Moi Avenue');
  });

  it('reads tab-delimited files with headers in another order and other names', async () => {
    const { core } = makeCore();
    const { preview } = await importAll(core, fixture('tab-delimited.tsv'));
    expect(preview.delimiter).toBe('\t');
    expect(preview.mapping).toMatchObject({ name: 'Full Name', phone: 'Mobile', email: 'E-mail Address', taxId: 'KRA PIN', paymentTerms: 'Terms' });
    const mutua = (await call(core, 'customers.list', { search: 'mutua' })).rows[0]!;
    expect(await call(core, 'customers.get', { id: mutua.id })).toMatchObject({ taxId: 'A123456789Z', paymentTermsDays: 7, phone: '+254712345678' });
  });

  it('reads countries, currencies, credit limits, statuses and tags', async () => {
    const { core } = makeCore();
    const { preview } = await importAll(core, fixture('renamed-columns.csv'));
    expect(preview.mapping).toMatchObject({ name: 'Client', country: 'Country', phone: 'Telephone', email: 'Mail', creditLimit: 'Credit Limit' });
    const nile = await call(core, 'customers.get', { id: (await call(core, 'customers.list', { search: 'nile' })).rows[0]!.id });
    expect(nile).toMatchObject({ phone: '+256772123456', currency: 'UGX', creditLimitMinor: 1_500_000, tags: ['wholesale', 'export'] });
    expect(nile.address.country).toBe('UG');
    const safari = await call(core, 'customers.get', { id: (await call(core, 'customers.list', { search: 'safari' })).rows[0]!.id });
    expect(safari).toMatchObject({ status: 'inactive', creditLimitMinor: 25_000_050 });
  });

  it('lets the person change the proposed mapping', async () => {
    const { core } = makeCore();
    const csvText = fixture('renamed-columns.csv');
    const preview = await call(core, 'customers.import.preview', { csvText, mapping: { name: 'Mail', phone: null } });
    expect(preview.mapping).toMatchObject({ name: 'Mail', phone: null, country: null });
    expect(preview.sample[0]).toMatchObject({ name: 'nile@example.ug', phone: '' });
  });

  it('repairs spreadsheet-mangled phones it can and rejects the ones whose digits are gone', async () => {
    const { core } = makeCore();
    const { preview } = await importAll(core, fixture('spreadsheet-phones.csv'));
    expect(preview.rejected).toMatchObject([{ line: 3, reasons: [expect.stringMatching(/Phone: "2.54722E\+11" was shortened by a spreadsheet/)] }]);
    const phones = (await call(core, 'customers.list', { sort: 'code' })).rows.map((r) => [r.name, r.phone]);
    expect(phones).toEqual([
      ['Spreadsheet Exact', '+254722123456'],
      ['No Plus', '+254733222111'],
      ['No Leading Zero', '+254722333444'],
    ]);
  });

  it('skips blank lines and still reports the file’s own line numbers', async () => {
    const { core } = makeCore();
    const { preview } = await importAll(core, fixture('blank-lines.csv'));
    expect(preview.totalRows).toBe(2);
    expect(preview.sample.map((s) => s.line)).toEqual([5, 9]);
    expect(await names(core)).toEqual(['First Co', 'Second Co']);
  });

  it('lists every rejected row with its line and every reason, and imports the rest', async () => {
    const { core } = makeCore();
    const { preview, result } = await importAll(core, fixture('bad-rows.csv'));
    const byLine = Object.fromEntries(preview.rejected.map((r) => [r.line, r.reasons.join(' | ')]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byLine[3]).toMatch(/Name: Name is required/);
    expect(byLine[4]).toMatch(/Email: "[^"]+" — Enter an email address/);
    expect(byLine[5]).toMatch(/Phone: "12345" is not a valid phone number/);
    expect(byLine[6]).toMatch(/Tax ID: "X123" — A KRA PIN/);
    expect(byLine[7]).toMatch(/Payment terms: "sometime"/);
    expect(byLine[8]).toMatch(/Credit limit: "lots" is not an amount/);
    expect(byLine[9]).toMatch(/Status: "sleeping"/);
    // Each rejected row names who it is and keeps its cells, for the CSV of rows to fix and import again.
    const four = preview.rejected.find((r) => r.line === 4)!;
    expect(four.name).not.toBe('');
    expect(four.cells).toHaveLength(preview.headers.length);
    expect(four.cells).toContain(four.name);
    expect(byLine[10]).toMatch(/Same email as line 2 of this file/);
    expect(result).toEqual({ created: 1, updated: 0, skipped: 0, rejected: 8 });
    const good = await call(core, 'customers.get', { id: (await call(core, 'customers.list', {})).rows[0]!.id });
    expect(good).toMatchObject({ name: 'Good Row Ltd', creditLimitMinor: 100_000, paymentTermsDays: 30 });
  });

  it('reports the lines an unclosed quote swallowed', async () => {
    const { core } = makeCore();
    const preview = await call(core, 'customers.import.preview', { csvText: fixture('unclosed-quote.csv') });
    expect(preview.rejected).toMatchObject([{ line: 3, reasons: [expect.stringMatching(/^Could not read lines 3–5: .*Check the quotes on line 3/)] }]);
    expect(preview.sample.map((s) => s.name)).toEqual(['Okay Ltd']);
  });

  it('finds probable duplicates by email, phone or tax ID and lets the person skip or update each', async () => {
    const { core } = makeCore();
    await importAll(core, fixture('bom-semicolon-crlf.csv'));
    const wanjiku = (await call(core, 'customers.list', { search: 'wanjiku' })).rows[0]!;
    await call(core, 'customers.update', {
      id: wanjiku.id, version: 1,
      customer: { ...(await call(core, 'customers.get', { id: wanjiku.id })), taxId: 'P051234567X' },
    });
    const preview = await call(core, 'customers.import.preview', { csvText: fixture('duplicates.csv') });
    expect(preview.duplicates.map((d) => [d.line, d.matchedOn, d.existing.code])).toEqual([
      [2, ['email'], 'CUST-0001'],
      [3, ['phone'], 'CUST-0002'],
      [4, ['taxId'], 'CUST-0001'],
    ]);
    expect(preview.acceptedRows).toBe(1);
    const result = await call(core, 'customers.import.commit', {
      csvText: fixture('duplicates.csv'), mapping: preview.mapping, duplicateActions: { '2': 'update', '3': 'skip' },
    });
    expect(result).toEqual({ created: 1, updated: 1, skipped: 2, rejected: 0 });
    const updated = await call(core, 'customers.get', { id: wanjiku.id });
    // Update lays the file's non-empty cells over the stored customer and keeps the rest.
    expect(updated).toMatchObject({ name: 'Wanjiku Traders Limited', phone: '+254722123456', taxId: 'P051234567X' });
    expect(updated.address.city).toBe('Nakuru');
    expect(await names(core)).toEqual(['Wanjiku Traders Limited', 'Baraka Hardware', 'Brand New Co']);
  });

  it('imports all accepted rows or none', async () => {
    const { core } = makeCore();
    await importAll(core, fixture('bom-semicolon-crlf.csv'));
    const wanjiku = (await call(core, 'customers.list', { search: 'wanjiku' })).rows[0]!;
    // An update that turns invalid on top of the stored customer aborts the whole import.
    await call(core, 'customers.update', {
      id: wanjiku.id, version: 1,
      customer: { ...(await call(core, 'customers.get', { id: wanjiku.id })), address: { street: '', city: '', postalCode: '', country: 'UG' }, phone: '' },
    });
    const csvText = 'Name,Email,Phone\nFresh One,fresh1@example.com,\nWanjiku,orders@wanjiku.co.ke,0110 123456\nFresh Two,fresh2@example.com,\n';
    const preview = await call(core, 'customers.import.preview', { csvText });
    expect(preview.duplicates).toHaveLength(1);
    const error = await refused(core, 'customers.import.commit', { csvText, mapping: preview.mapping, duplicateActions: { '3': 'update' } });
    expect(error.message).toMatch(/Line 3 cannot update CUST-0001: Phone: .*Nothing was imported/);
    expect(await names(core)).toEqual(['Wanjiku Traders', 'Baraka Hardware']);
  });

  it('rejects, row by row, cells with control or text-direction characters, and imports the rest', async () => {
    const { core } = makeCore();
    const csvText = [
      'Name,Email,Phone,Notes',
      'Good Ltd,good@example.com,0722 000001,"Two lines\nof notes"',
      '"Broken\nName Ltd",b1@example.com,0722 000002,',
      'Null\u0000 Ltd,b2@example.com,0722 000003,',
      'Evil \u202Edtl\u202C Ltd,b3@example.com,0722 000004,',
      'Bell Ltd,b4@example.com,0722 000005,Ring \u0007 twice',
      'Tab\tLtd,b5@example.com,0722 000006,',
    ].join('\r\n');
    const { preview, result } = await importAll(core, csvText);
    const byLine = Object.fromEntries(preview.rejected.map((r) => [r.line, r.reasons.join(' | ')]));
    // Good Ltd's notes take lines 2–3 and the broken name 4–5.
    expect(Object.keys(byLine).map(Number)).toEqual([4, 6, 7, 8, 9]);
    expect(byLine[4]).toMatch(/^Name: "Broken↵Name Ltd" — Line breaks are not allowed/);
    expect(byLine[6]).toMatch(/^Name: .*control character \(U\+0000\)/);
    expect(byLine[7]).toMatch(/^Name: .*text-direction character \(U\+202E\)/);
    expect(byLine[8]).toMatch(/^Notes: .*control character \(U\+0007\)/);
    expect(byLine[9]).toMatch(/^Name: "Tab⇥Ltd" — Tabs are not allowed/);
    expect(result).toMatchObject({ created: 1, rejected: 5 });
    expect(await names(core)).toEqual(['Good Ltd']);
  });

  it('does not propose a QuickBooks State column as the status, says why, and imports every row', async () => {
    const { core } = makeCore();
    const { preview, result } = await importAll(core, fixture('quickbooks-customers.csv'));
    expect(preview.mapping).toMatchObject({
      name: 'Customer', street: 'Street Address', city: 'City', postalCode: 'Zip', country: 'Country', phone: 'Phone', email: 'Email',
      paymentTerms: 'Terms', notes: 'Notes', status: null,
    });
    expect(preview.heldBack).toEqual([
      { field: 'status', header: 'State', line: 2, reason: 'Status: "CA" should be active, inactive or suspended' },
    ]);
    // Terms mostly fit, so the column is proposed; the one it cannot read is rejected with the reason.
    expect(preview).toMatchObject({ totalRows: 4, acceptedRows: 3 });
    expect(preview.rejected).toMatchObject([{ line: 4, reasons: [expect.stringMatching(/^Payment terms: "1% 10 Net 30"/)] }]);
    expect(result).toMatchObject({ created: 3, rejected: 1 });
    const acme = await call(core, 'customers.get', { id: (await call(core, 'customers.list', { search: 'acme' })).rows[0]!.id });
    expect(acme).toMatchObject({ status: 'active', phone: '+14159920100', paymentTermsDays: 30, address: { city: 'San Francisco', postalCode: '94105', country: 'US' } });
    // Chosen by the person, the column is used, and every row it does not fit is rejected.
    const chosen = await call(core, 'customers.import.preview', { csvText: fixture('quickbooks-customers.csv'), mapping: { ...preview.mapping, status: 'State' } });
    expect(chosen).toMatchObject({ acceptedRows: 0, heldBack: [] });
  });

  it('never proposes a column, for any optional field, whose values are of another kind', async () => {
    const { core } = makeCore();
    // Each header names one of our fields; no value fits it. Without those columns every row imports.
    const columns: [string, string, string][] = [
      ['email', 'Email', 'ask at the desk'], ['phone', 'Phone', 'none'], ['secondaryEmail', 'Email 2', 'n/a'],
      ['secondaryPhone', 'Phone 2', 'call reception'], ['country', 'Country', 'Rift Valley'], ['taxId', 'Tax ID', 'exempt'],
      ['paymentTerms', 'Terms', 'when convenient'], ['creditLimit', 'Credit limit', 'generous'], ['currency', 'Currency', 'cowrie shells'],
      ['status', 'State', 'NY'], ['postalCode', 'Zip', 'somewhere past the old mill, second left'],
    ];
    const csvText = [['Name', ...columns.map((c) => c[1])], ['Acme Ltd', ...columns.map((c) => c[2])], ['Baraka Ltd', ...columns.map((c) => c[2])]]
      .map((r) => r.join(','))
      .join('\n');
    const preview = await call(core, 'customers.import.preview', { csvText });
    expect(preview).toMatchObject({ acceptedRows: 2, rejected: [] });
    for (const [field, header] of columns) {
      expect(preview.mapping[field], field).toBeNull();
      expect(preview.heldBack.find((h) => h.field === field), field).toMatchObject({ header, line: 2 });
    }
  });

  it('explains files it cannot use at all', async () => {
    const { core } = makeCore();
    expect((await refused(core, 'customers.import.preview', { csvText: '' })).message).toMatch(/empty/);
    expect((await refused(core, 'customers.import.preview', { csvText: '\u0000\u0001PK' })).message).toMatch(/not text/);
    const noName = await refused(core, 'customers.import.preview', { csvText: fixture('no-name-column.csv') });
    expect(noName.message).toMatch(/which column holds the customer’s name/);
  });
});
