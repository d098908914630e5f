// Customer exports as other tools write them (fixtures from each tool's published export columns):
// recognised by their header row, mapped for that tool, and every usable row imported.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call, fixture, makeCore } from '../helpers/core';

const source = (name: string) => fixture(`sources/${name}`);

async function importFile(core: Core, csvText: string) {
  const preview = await call(core, 'customers.import.preview', { csvText, fileName: 'export.csv' });
  const result = await call(core, 'customers.import.commit', { csvText, fileName: 'export.csv', mapping: preview.mapping });
  return { preview, result };
}

async function byName(core: Core, name: string) {
  const row = (await call(core, 'customers.list', { search: name })).rows.find((r) => r.name === name);
  if (!row) throw new Error(`${name} was not imported`);
  return call(core, 'customers.get', { id: row.id });
}

describe('customer exports from other tools', () => {
  it('Zoho Invoice contacts: every row imports, credit limits of 0.000 read, email, currency, billing address and mobile mapped', async () => {
    const { core } = makeCore();
    const { preview, result } = await importFile(core, source('zoho-contacts.csv'));
    expect(preview.source).toEqual({ id: 'zoho', label: 'Zoho Invoice' });
    expect(preview.mapping).toMatchObject({
      name: 'Display Name', company: 'Company Name', email: 'EmailID', currency: 'Currency Code', phone: 'MobilePhone', secondaryPhone: 'Phone',
      street: 'Billing Address', street2: 'Billing Street2', city: 'Billing City', region: 'Billing State', country: 'Billing Country',
      postalCode: 'Billing Code', creditLimit: 'Credit Limit', paymentTerms: 'Payment Terms', status: 'Status',
    });
    expect(preview).toMatchObject({ totalRows: 5, acceptedRows: 5, rejected: [] });
    expect(preview.warnings).toEqual([
      { line: 6, name: 'Juma Hardware', field: 'phone', value: '0722 12', message: 'phone 0722 12 left out: not a full number' },
    ]);
    expect(result).toMatchObject({ created: 5, rejected: 0 });
    expect(await byName(core, 'Mama Mboga Supplies')).toMatchObject({
      email: 'orders@mamamboga.co.ke', phone: '+254722123456', secondaryPhone: '+254202222222', creditLimitMinor: 0, paymentTermsDays: 30,
      address: { street: 'Moi Avenue, Plot 12, Imenti House, 3rd floor', city: 'Nairobi, Nairobi County', postalCode: '00100', country: 'KE' },
      notes: 'Company: Mama Mboga Supplies Ltd\nContact: Wanjiru Kamau',
    });
    expect(await byName(core, 'Highland Dairy')).toMatchObject({ creditLimitMinor: 15_000_000, paymentTermsDays: 15 });
    // Billed in dollars, with a US number and no country: the number is read in the currency's country.
    expect(await byName(core, 'Pacific Traders Inc')).toMatchObject({ currency: 'USD', phone: '+18888675309', paymentTermsDays: 0, address: { country: 'US' } });
    expect(await byName(core, 'Kampala Office Mart')).toMatchObject({ currency: 'UGX', creditLimitMinor: 2_500_000, phone: '+256772123456' });
    expect(await byName(core, 'Juma Hardware')).toMatchObject({ status: 'inactive', phone: '', email: 'juma@jumahardware.example.com' });
  });

  it('Wave customers: phones read in the row’s country or its currency’s; a currency Billbook does not bill in and a short number left out', async () => {
    const { core } = makeCore();
    const { preview, result } = await importFile(core, source('wave-customers.csv'));
    expect(preview.source.id).toBe('wave');
    expect(preview.mapping).toMatchObject({ name: 'customer_name', currency: 'customer_currency', postalCode: 'postal_code/zip_code', region: 'province/state', phone: 'mobile', secondaryPhone: 'phone' });
    expect(preview).toMatchObject({ totalRows: 4, acceptedRows: 4, rejected: [] });
    expect(preview.warnings.map((w) => [w.line, w.name, w.message])).toEqual([
      [4, 'Melbourne Events Co', 'currency AUD left out: Billbook bills in KES, UGX, TZS, RWF, USD, EUR, GBP, ZAR, NGN; this customer is billed in KES'],
      [5, 'Springfield Bakery', 'phone 867-5309 left out: not a full number'],
    ]);
    expect(result.created).toBe(4);
    expect(await byName(core, 'Nyeri Coffee Growers')).toMatchObject({ phone: '+254711222333', address: { city: 'Nyeri, Nyeri County', postalCode: '10100' } });
    expect(await byName(core, 'Boston Design Studio')).toMatchObject({ currency: 'USD', phone: '+16174920142', address: { street: '12 Harbor St, Suite 400', country: 'US' } });
    expect(await byName(core, 'Melbourne Events Co')).toMatchObject({ currency: 'KES', phone: '+61391234567', address: { country: 'AU' } });
  });

  it('FreshBooks clients: the organisation is the name, else the person’s first and last name', async () => {
    const { core } = makeCore();
    const { preview } = await importFile(core, source('freshbooks-clients.csv'));
    expect(preview.source.id).toBe('freshbooks');
    expect(preview.mapping).toMatchObject({ name: 'Organization', firstName: 'First Name', lastName: 'Last Name', region: 'Province/State' });
    expect(preview).toMatchObject({ acceptedRows: 3, rejected: [] });
    expect(preview.warnings.map((w) => w.message)).toEqual(['phone 867-5309 left out: not a full number']);
    expect(await byName(core, 'Savanna Lodge Ltd')).toMatchObject({ notes: 'Prefers invoices by email\nContact: Grace Wambui', address: { city: 'Nanyuki, Laikipia County' } });
    expect(await byName(core, 'Peter Otieno')).toMatchObject({ email: 'peter.otieno@example.com', phone: '+254700111222', notes: '' });
  });

  it('QuickBooks Desktop customer lists: the address from Bill to 2 and 3, inactive customers kept inactive', async () => {
    const { core } = makeCore();
    const { preview } = await importFile(core, source('quickbooks-desktop-customers.csv'));
    expect(preview.source.id).toBe('quickbooksDesktop');
    expect(preview).toMatchObject({ acceptedRows: 2, rejected: [], warnings: [] });
    expect(await byName(core, 'Rift Valley Motors')).toMatchObject({
      creditLimitMinor: 10_000_000, paymentTermsDays: 30, businessType: 'Fleet', address: { street: 'Kenyatta Lane 4, Nakuru 20100' },
    });
    expect(await byName(core, 'Old Town Stores')).toMatchObject({ status: 'inactive', paymentTermsDays: 0, phone: '+254711000999', secondaryPhone: '+254733000999' });
  });

  it('Invoice Ninja clients: the title lines above the header are skipped, and its two Phone columns told apart', async () => {
    const { core } = makeCore();
    const { preview } = await importFile(core, source('invoice-ninja-clients.csv'));
    expect(preview.source.id).toBe('invoiceNinja');
    expect(preview.headers.filter((h) => h.startsWith('Phone'))).toEqual(['Phone', 'Phone (2)']);
    expect(preview.mapping).toMatchObject({ phone: 'Phone (2)', secondaryPhone: 'Phone', taxId: 'VAT Number', street2: 'Billing Apt/Suite' });
    expect(preview).toMatchObject({ totalRows: 2, acceptedRows: 2 });
    expect(preview.warnings).toEqual([expect.objectContaining({ line: 6, name: 'Coast Cold Storage', field: 'taxId', value: 'X123' })]);
    expect(await byName(core, 'Lake Basin Fisheries')).toMatchObject({ taxId: 'P051234567X', phone: '+254712300400', secondaryPhone: '+254733100200' });
  });

  it('Xero contacts: the postal address and the mobile number', async () => {
    const { core } = makeCore();
    const { preview } = await importFile(core, source('xero-contacts.csv'));
    expect(preview.source.id).toBe('xero');
    expect(preview.mapping).toMatchObject({ name: '*ContactName', email: 'EmailAddress', phone: 'MobileNumber', street: 'POAddressLine1', region: 'PORegion', taxId: 'TaxNumber' });
    expect(preview).toMatchObject({ acceptedRows: 2, warnings: [] });
    expect(await byName(core, 'Eldoret Grain Millers')).toMatchObject({ phone: '+254721888777', secondaryPhone: '+254532030400', address: { city: 'Eldoret, Uasin Gishu' } });
    expect(await byName(core, 'Dar Harbour Agents')).toMatchObject({ phone: '+255754123456', address: { country: 'TZ' } });
  });

  it('a hand-made sheet: columns matched by their usual names, the person’s own mapping still wins', async () => {
    const { core } = makeCore();
    const csvText = 'Company,First name,Surname,Mobile,Credit limit (KES)\nBidii Stores,Asha,Njeri,0722 555 666,"1,234.50"\n,Tom,Mboya,0733 222 111,12.345\n';
    const preview = await call(core, 'customers.import.preview', { csvText });
    expect(preview.source).toEqual({ id: 'spreadsheet', label: 'a spreadsheet (Excel, Google Sheets)' });
    expect(preview.mapping).toMatchObject({ name: 'Company', firstName: 'First name', lastName: 'Surname', phone: 'Mobile', creditLimit: 'Credit limit (KES)' });
    expect(preview.sample.map((s) => s.name)).toEqual(['Bidii Stores', 'Tom Mboya']);
    expect(preview.warnings.map((w) => w.message)).toEqual(['credit limit 12.345 left out: not exact in KES (at most 2 decimals)']);
    const mine = await call(core, 'customers.import.preview', { csvText, mapping: { ...preview.mapping, name: null } });
    expect(mine.sample.map((s) => s.name)).toEqual(['Asha Njeri', 'Tom Mboya']);
  });
});
