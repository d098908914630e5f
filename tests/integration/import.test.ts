import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/open';
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
    expect(result).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 0, openingBalances: 0 });
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

  it('repairs spreadsheet-mangled phones it can, and leaves out (with a warning) the ones whose digits are gone', async () => {
    const { core } = makeCore();
    const { preview } = await importAll(core, fixture('spreadsheet-phones.csv'));
    expect(preview.rejected).toEqual([]);
    expect(preview.warnings).toEqual([
      { line: 3, name: 'Spreadsheet Lossy', field: 'phone', value: '2.54722E+11', message: 'phone 2.54722E+11 left out: shortened by a spreadsheet, its last digits are lost' },
    ]);
    const phones = (await call(core, 'customers.list', { sort: 'code' })).rows.map((r) => [r.name, r.phone]);
    expect(phones).toEqual([
      ['Spreadsheet Exact', '+254722123456'],
      ['Spreadsheet Lossy', ''],
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

  it('rejects only rows without a name or repeating one above; a value it cannot read is left out with a warning naming line, customer and value', async () => {
    const { core } = makeCore();
    const { preview, result } = await importAll(core, fixture('bad-rows.csv'));
    expect(preview.rejected).toMatchObject([
      { line: 3, reasons: [expect.stringMatching(/^Name: this row has no name/)] },
      { line: 10, reasons: ['Same email as line 2 of this file'] },
    ]);
    // A rejected row names who it is and keeps its cells, for the CSV of rows to fix and import again.
    const ten = preview.rejected.find((r) => r.line === 10)!;
    expect(ten.name).not.toBe('');
    expect(ten.cells).toHaveLength(preview.headers.length);
    expect(ten.cells).toContain(ten.name);
    expect(preview.warnings.map((w) => [w.line, w.name, w.field, w.message])).toEqual([
      [4, 'Bad Email Ltd', 'email', 'email not-an-email left out: enter an email address like name@example.com'],
      [5, 'Bad Phone Ltd', 'phone', 'phone 12345 left out: not a full number'],
      [6, 'Bad PIN Ltd', 'taxId', expect.stringMatching(/^tax ID X123 left out: a KRA PIN is/)],
      [7, 'Bad Terms Ltd', 'paymentTerms', 'payment terms sometime left out: should be like Net 30, net_30 or 30 (days, up to 365)'],
      [8, 'Bad Limit Ltd', 'creditLimit', 'credit limit lots left out: not an amount'],
      [9, 'Bad Status Ltd', 'status', 'status sleeping left out: should be active, inactive or suspended'],
    ]);
    expect(result).toEqual({ created: 7, updated: 0, skipped: 0, rejected: 2, openingBalances: 0 });
    const good = await call(core, 'customers.get', { id: (await call(core, 'customers.list', { search: 'good row' })).rows[0]!.id });
    expect(good).toMatchObject({ name: 'Good Row Ltd', creditLimitMinor: 100_000, paymentTermsDays: 30 });
    // Imported without the value it could not read, everything else kept.
    const badPhone = await call(core, 'customers.get', { id: (await call(core, 'customers.list', { search: 'bad phone' })).rows[0]!.id });
    expect(badPhone).toMatchObject({ phone: '', email: 'bp@example.com' });
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
    expect(result).toEqual({ created: 1, updated: 1, skipped: 2, rejected: 0, openingBalances: 0 });
    const updated = await call(core, 'customers.get', { id: wanjiku.id });
    // Update lays the file's non-empty cells over the stored customer and keeps the rest.
    expect(updated).toMatchObject({ name: 'Wanjiku Traders Limited', phone: '+254722123456', taxId: 'P051234567X' });
    expect(updated.address.city).toBe('Nakuru');
    expect(await names(core)).toEqual(['Wanjiku Traders Limited', 'Baraka Hardware', 'Brand New Co']);
  });

  it('imports all accepted rows or none', async () => {
    const { core, dir } = makeCore();
    await importAll(core, fixture('bom-semicolon-crlf.csv'));
    await call(core, 'customers.create', { name: 'Third Co' });
    // The third new row fails to write (a damaged page, a full disk): the two before it go too.
    const raw = openDatabase(path.join(dir, 'billbook.db'));
    raw.exec("CREATE TRIGGER fail_third BEFORE INSERT ON customers WHEN NEW.name = 'Fresh Three' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;");
    raw.close();
    const csvText = 'Name,Email\nFresh One,fresh1@example.com\nFresh Two,fresh2@example.com\nFresh Three,fresh3@example.com\n';
    const preview = await call(core, 'customers.import.preview', { csvText });
    expect(preview.acceptedRows).toBe(3);
    const error = await refused(core, 'customers.import.commit', { csvText, mapping: preview.mapping });
    expect(error.message).toMatch(/Nothing was changed/);
    expect(await names(core)).toEqual(['Wanjiku Traders', 'Baraka Hardware', 'Third Co']);
  });

  it('gives new customers codes past any already in use (books merged from elsewhere)', async () => {
    const { core, dir } = makeCore();
    await importAll(core, fixture('bom-semicolon-crlf.csv'));
    await call(core, 'customers.create', { name: 'Third Co' });
    const raw = openDatabase(path.join(dir, 'billbook.db'));
    raw.prepare("UPDATE customers SET code = 'CUST-0005' WHERE name = 'Third Co'").run();
    raw.prepare("UPDATE sequences SET next_value = 4 WHERE name = 'customer_code'").run();
    raw.close();
    const csvText = 'Name\nFresh One\nFresh Two\n';
    const preview = await call(core, 'customers.import.preview', { csvText });
    await call(core, 'customers.import.commit', { csvText, mapping: preview.mapping });
    const codes = (await call(core, 'customers.list', {})).rows.map((r) => r.code).sort();
    expect(codes).toEqual(['CUST-0001', 'CUST-0002', 'CUST-0004', 'CUST-0005', 'CUST-0006']);
  });

  it('updates a duplicate the person chose to, leaving out what does not fit the stored customer, with a warning', async () => {
    const { core } = makeCore();
    await importAll(core, fixture('bom-semicolon-crlf.csv'));
    const wanjiku = (await call(core, 'customers.list', { search: 'wanjiku' })).rows[0]!;
    const stored = await call(core, 'customers.get', { id: wanjiku.id });
    await call(core, 'customers.update', { id: wanjiku.id, version: 1, customer: { ...stored, address: { ...stored.address, country: 'UG' }, phone: '' } });
    const csvText = 'Name,Email,Phone,Notes\nWanjiku,orders@wanjiku.co.ke,12345,Moved to Kampala\n';
    const preview = await call(core, 'customers.import.preview', { csvText });
    expect(preview.duplicates).toHaveLength(1);
    const result = await call(core, 'customers.import.commit', { csvText, mapping: preview.mapping, duplicateActions: { '2': 'update' } });
    expect(result).toMatchObject({ updated: 1 });
    expect(await call(core, 'customers.get', { id: wanjiku.id })).toMatchObject({ name: 'Wanjiku', phone: '', notes: 'Moved to Kampala' });
  });

  it('rejects a name with control or text-direction characters, and leaves such a character out of any other cell', async () => {
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
    expect(Object.keys(byLine).map(Number)).toEqual([4, 6, 7, 9]);
    expect(byLine[4]).toMatch(/^Name: Line breaks are not allowed/);
    expect(byLine[6]).toMatch(/^Name: .*control character \(U\+0000\)/);
    expect(byLine[7]).toMatch(/^Name: .*text-direction character \(U\+202E\)/);
    expect(byLine[9]).toMatch(/^Name: Tabs are not allowed/);
    expect(preview.warnings).toEqual([
      expect.objectContaining({ line: 8, name: 'Bell Ltd', field: 'notes', message: expect.stringMatching(/^notes Ring .* twice left out: contains an invisible control character \(U\+0007\)/) }),
    ]);
    expect(result).toMatchObject({ created: 2, rejected: 4 });
    expect(await names(core)).toEqual(['Good Ltd', 'Bell Ltd']);
  });

  it('reads a QuickBooks Online export as one: State is the address, and a term it cannot read is left out of that row only', async () => {
    const { core } = makeCore();
    const { preview, result } = await importAll(core, fixture('quickbooks-customers.csv'));
    expect(preview.source).toEqual({ id: 'quickbooksOnline', label: 'QuickBooks Online' });
    expect(preview.mapping).toMatchObject({
      name: 'Customer', company: 'Company', street: 'Street Address', city: 'City', region: 'State', postalCode: 'Zip', country: 'Country',
      phone: 'Phone', email: 'Email', paymentTerms: 'Terms', notes: 'Notes', status: null,
    });
    expect(preview).toMatchObject({ totalRows: 4, acceptedRows: 4, rejected: [], heldBack: [] });
    expect(preview.warnings).toEqual([
      { line: 4, name: 'Lone Star Supply', field: 'paymentTerms', value: '1% 10 Net 30', message: 'payment terms 1% 10 Net 30 left out: should be like Net 30, net_30 or 30 (days, up to 365)' },
    ]);
    expect(result).toMatchObject({ created: 4, rejected: 0 });
    const acme = await call(core, 'customers.get', { id: (await call(core, 'customers.list', { search: 'acme' })).rows[0]!.id });
    expect(acme).toMatchObject({
      status: 'active', phone: '+14159920100', paymentTermsDays: 30, notes: 'Company: Acme Corporation',
      address: { city: 'San Francisco, CA', postalCode: '94105', country: 'US' },
    });
    const lone = await call(core, 'customers.get', { id: (await call(core, 'customers.list', { search: 'lone star' })).rows[0]!.id });
    expect(lone.paymentTermsDays).toBe(30);
  });

  it('holds back a status column full of US states in a hand-made file, and says why', async () => {
    const { core } = makeCore();
    const csvText = 'Customer,Status,Phone\nAcme Corp,CA,(415) 992-0100\nLone Star,TX,\nKenya Co,active,0722 000111\n';
    const preview = await call(core, 'customers.import.preview', { csvText });
    expect(preview.source.id).toBe('spreadsheet');
    expect(preview.mapping.status).toBeNull();
    expect(preview.heldBack).toEqual([{ field: 'status', header: 'Status', line: 2, reason: 'status CA left out: should be active, inactive or suspended' }]);
    expect(preview).toMatchObject({ acceptedRows: 3, warnings: [expect.objectContaining({ line: 2, field: 'phone' })] });
    // Chosen by the person, the column is used, and each cell it does not fit is left out with a warning.
    const chosen = await call(core, 'customers.import.preview', { csvText, mapping: { ...preview.mapping, status: 'Status' } });
    expect(chosen).toMatchObject({ acceptedRows: 3, heldBack: [] });
    expect(chosen.warnings.filter((w) => w.field === 'status').map((w) => w.line)).toEqual([2, 3]);
  });

  it('never proposes a column, for any optional field, whose values are of another kind', async () => {
    const { core } = makeCore();
    // Each header names one of our fields; no value fits it. Without those columns every row imports.
    const columns: [string, string, string][] = [
      ['email', 'Email', 'ask at the desk'], ['phone', 'Phone', 'none'], ['secondaryEmail', 'Email 2', 'n/a'],
      ['secondaryPhone', 'Phone 2', 'call reception'], ['country', 'Country', 'Rift Valley'], ['taxId', 'Tax ID', 'exempt'],
      ['paymentTerms', 'Terms', 'when convenient'], ['creditLimit', 'Credit limit', 'generous'], ['currency', 'Currency', 'cowrie shells'],
      ['status', 'Status', 'NY'], ['postalCode', 'Zip', 'somewhere past the old mill, second left'],
    ];
    const csvText = [['Name', ...columns.map((c) => c[1])], ['Acme Ltd', ...columns.map((c) => c[2])], ['Baraka Ltd', ...columns.map((c) => c[2])]]
      .map((r) => r.join(','))
      .join('\n');
    const preview = await call(core, 'customers.import.preview', { csvText });
    expect(preview).toMatchObject({ acceptedRows: 2, rejected: [], warnings: [] });
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
    expect(noName.message).toMatch(/which column holds the customer’s name \(or the company, or the first and last name\)/);
  });
});
