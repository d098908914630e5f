// VAT as a Kenyan shop has it: a customer whose prices include VAT gets drafts with VAT inside the
// prices whichever way the draft is made, and a business below the VAT threshold charges and prints
// none. The printed terms follow whatever set the due date.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { memorySecretStore } from '../../electron/core/secrets';
import { call, makeCore, refused } from '../helpers/core';
import { customer } from '../helpers/billing';
import { goodReply, startFakeGemini, type FakeGemini } from '../helpers/fakeGemini';
import { pdfPages } from '../helpers/pdfText';
import { until } from '../helpers/until';

const RESOURCES = path.resolve('resources');
const SENTENCE = '10 bags of cement at 780 each and delivery 1,500';
const REGISTERED = {
  name: 'Amani Hardware', street: 'Kenyatta Avenue', city: 'Nakuru', postalCode: '20100', country: 'Kenya',
  taxId: 'P051234567X', phone: '+254722000111', email: 'sales@amani.co.ke', website: '', logoDataUrl: '',
  vatRegistered: true, defaultTaxRateBp: 1600,
};
const NOT_REGISTERED = { ...REGISTERED, vatRegistered: false, defaultTaxRateBp: 1600 };
const INCLUSIVE = { template: 'professional' as const, language: 'en' as const, includeTax: true };
const servers: FakeGemini[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function books(business = REGISTERED, options: { geminiBaseUrl?: string } = {}) {
  const { core } = makeCore('2026-11-21T09:00:00.000Z', {
    pdfWorkers: 0, resourcesDir: RESOURCES, reminderScanMs: 0,
    ...(options.geminiBaseUrl
      ? { geminiBaseUrl: options.geminiBaseUrl, secrets: memorySecretStore({ geminiApiKey: 'AIza-test-key-0123456789' }), jobs: { backoff: { baseMs: 40, capMs: 300 } } }
      : {}),
  });
  await call(core, 'settings.update', { business });
  return core;
}

async function pdfText(core: Core, invoiceId: string, template: 'professional' | 'simple' | 'detailed' = 'professional') {
  const pdf = await call(core, 'pdf.render', { invoiceId, template });
  return (await pdfPages(Buffer.from(pdf.base64, 'base64'))).join('\n');
}

describe('a customer whose prices include VAT', () => {
  it('drafts the sentence with VAT inside the prices: 9,300, not 10,788', async () => {
    const core = await books();
    const shop = await customer(core, { name: 'Baraka Builders', aiPreferences: INCLUSIVE });
    const { draft } = await call(core, 'drafting.generate', { customerId: shop.id, prompt: SENTENCE, refine: false });
    expect(draft.pricesIncludeTax).toBe(true);
    expect(draft.totals.totalMinor).toBe(930_000);
    expect(draft.totals.taxMinor).toBe(128_276);
    expect(draft.lines.map((l) => l.taxRateBp)).toEqual([1600, 1600]);

    // The same sentence for a customer who is quoted before VAT adds it on top.
    const firm = await customer(core, { name: 'Kilimani Contractors', email: 'a@kilimani.co.ke', phone: '0733 000111' });
    const exclusive = await call(core, 'drafting.generate', { customerId: firm.id, prompt: SENTENCE, refine: false });
    expect(exclusive.draft.pricesIncludeTax).toBe(false);
    expect(exclusive.draft.totals.totalMinor).toBe(1_078_800);

    // A sentence that says otherwise wins over the customer's default.
    const said = await call(core, 'drafting.generate', { customerId: shop.id, prompt: `${SENTENCE}, plus VAT`, refine: false });
    expect(said.draft.pricesIncludeTax).toBe(false);
    expect(said.draft.totals.totalMinor).toBe(1_078_800);
  });

  it('keeps VAT inside the prices in bulk drafts, copies and the AI refinement', async () => {
    // Gemini answers "prices exclude VAT" although the sentence says nothing about it.
    const server = await startFakeGemini(() => goodReply([
      { description: 'Cement (50 kg bag)', quantity: 10, unit: 'bags', unitPrice: 780 },
      { description: 'Delivery', quantity: 1, unit: '', unitPrice: 1500 },
    ], { pricesIncludeTax: false }));
    servers.push(server);
    const core = await books(REGISTERED, { geminiBaseUrl: server.url });
    const shop = await customer(core, { name: 'Baraka Builders', aiPreferences: INCLUSIVE });

    const { draft } = await call(core, 'drafting.generate', { customerId: shop.id, prompt: SENTENCE });
    const status = await until(() => call(core, 'drafting.status', { draftId: draft.id }), (s) => s.state === 'refined' || s.state === 'failed');
    expect(status.state).toBe('refined');
    const refined = await call(core, 'invoices.get', { id: draft.id });
    expect(refined.lines[0]!.description).toBe('Cement (50 kg bag)');
    expect(refined.pricesIncludeTax).toBe(true);
    expect(refined.totals.totalMinor).toBe(930_000);

    const bulk = await call(core, 'drafting.bulk', { customerIds: [shop.id], template: SENTENCE });
    const bulkDraft = await call(core, 'invoices.get', { id: bulk.created[0]!.draftId });
    expect(bulkDraft.pricesIncludeTax).toBe(true);
    expect(bulkDraft.totals.totalMinor).toBe(930_000);

    const issued = await call(core, 'invoices.finalize', { id: refined.id, version: refined.draft.version });
    const copy = await call(core, 'drafts.duplicate', { invoiceId: issued.id });
    expect(copy.pricesIncludeTax).toBe(true);
    expect(copy.totals.totalMinor).toBe(930_000);
  });
});

describe('a business that is not registered for VAT', () => {
  it('drafts without VAT, says so when a sentence asks for it, and finalizes a PDF with no VAT on it', async () => {
    const core = await books(NOT_REGISTERED);
    const shop = await customer(core, { name: 'Baraka Builders', aiPreferences: INCLUSIVE });
    const { draft, parsed } = await call(core, 'drafting.generate', { customerId: shop.id, prompt: `${SENTENCE} plus 16% VAT`, refine: false });
    expect(draft.lines.map((l) => l.taxRateBp)).toEqual([null, null]);
    expect(draft.pricesIncludeTax).toBe(false);
    expect(draft.totals.taxMinor).toBe(0);
    expect(draft.totals.totalMinor).toBe(930_000);
    expect(parsed.warnings.join(' ')).toMatch(/not registered for VAT, so none was added/);

    const issued = await call(core, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
    for (const template of ['professional', 'simple', 'detailed'] as const) {
      const text = await pdfText(core, issued.id, template);
      expect(text).toContain('KES 9,300.00');
      expect(text).not.toMatch(/VAT|Exempt|Tax summary/);
    }
  });

  it('refuses to finalize a line that still charges VAT, and to call a business VAT-registered without its PIN', async () => {
    const core = await books(NOT_REGISTERED);
    const shop = await customer(core);
    const draft = await call(core, 'drafts.create', {
      draft: { customerId: shop.id, issueDate: '2026-11-21', lines: [{ description: 'Cement', quantityMilli: 1000, unitPriceMinor: 78_000, taxRateBp: 1600 }] },
    });
    const error = await refused(core, 'invoices.finalize', { id: draft.id, version: 1 });
    expect(error.message).toMatch(/not registered for VAT/);
    expect(error.fields).toHaveProperty(['lines.0.taxRateBp']);
    // Nothing was used up: the first invoice still takes the first number.
    expect((await call(core, 'invoices.nextNumber', { id: draft.id })).number).toBe('INV-2026-0001');

    const noPin = await refused(core, 'settings.update', { business: { ...REGISTERED, taxId: '' } });
    expect(noPin.fields?.['business.taxId']).toMatch(/VAT-registered business prints its KRA PIN/);
  });
});

describe('terms and the due date', () => {
  it('prints the terms the due date was set by: "due in 14 days" is Net 14, not the customer\'s Net 30', async () => {
    const core = await books();
    const shop = await customer(core, { paymentTermsDays: 30 });
    const { draft } = await call(core, 'drafting.generate', { customerId: shop.id, prompt: `${SENTENCE}, due in 14 days`, refine: false });
    expect(draft.dueDate).toBe('2026-12-05');
    expect(draft.terms).toBe('Net 14');
    const issued = await call(core, 'invoices.finalize', { id: draft.id, version: draft.draft.version });
    expect(issued.terms).toBe('Net 14');
    const text = await pdfText(core, issued.id);
    expect(text).toContain('Net 14');
    expect(text).toContain('5 Dec 2026');
    expect(text).not.toContain('Net 30');

    // Following the customer's terms prints them.
    const plain = await call(core, 'drafting.generate', { customerId: shop.id, prompt: SENTENCE, refine: false });
    expect(plain.draft.terms).toBe('Net 30');
  });
});

describe('what the PDF can print', () => {
  it('prints a customer name with emoji readably, without them, and the phone and address as the app shows them', async () => {
    const core = await books();
    const shop = await customer(core, {
      name: 'Mama Mboga 🥬 Stores 🇰🇪', phone: '0722 123456',
      address: { street: 'Market Lane 4', city: 'Nakuru', postalCode: '20100', country: 'KE' },
    });
    const draft = await call(core, 'drafts.create', {
      draft: { customerId: shop.id, issueDate: '2026-11-21', lines: [{ description: 'Sukuma wiki 👍🏽 crates', quantityMilli: 2000, unitPriceMinor: 50_000 }] },
    });
    const text = await pdfText(core, draft.id);
    expect(text).toContain('Mama Mboga Stores');
    expect(text).toContain('Sukuma wiki crates');
    expect(text).toContain('+254 722 123456');
    expect(text).toContain('20100 Nakuru');
  });
});
