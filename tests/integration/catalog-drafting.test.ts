// The catalog behind drafting: a sentence drafted offline from catalog prices, the same items in
// the Gemini prompt, lines that keep their item, and revenue by item in the analytics.
import { afterEach, describe, expect, it } from 'vitest';
import { memorySecretStore } from '../../electron/core/secrets';
import { call, makeCore } from '../helpers/core';
import { customer, line } from '../helpers/billing';
import { goodReply, startFakeGemini, type FakeGemini } from '../helpers/fakeGemini';
import { until } from '../helpers/until';

const servers: FakeGemini[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('drafting with the catalog', () => {
  it('drafts "10 bags of cement and delivery" from the catalog, offline, each line keeping its item', async () => {
    const { core } = makeCore();
    const buyer = await customer(core, { name: 'Baraka Hardware' });
    const cement = await call(core, 'items.create', { name: 'Cement', unit: 'bag', priceMinor: 78_000 });
    const delivery = await call(core, 'items.create', { name: 'Delivery', priceMinor: 150_000, taxRateBp: null });
    await call(core, 'items.create', { name: 'Paint 4L', unit: 'tin', priceMinor: 250_000 });

    const { draft, parsed } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: '10 bags of cement and delivery', refine: false });
    expect(draft.lines.map(({ description, quantityMilli, unit, unitPriceMinor, taxRateBp, itemId }) => ({ description, quantityMilli, unit, unitPriceMinor, taxRateBp, itemId }))).toEqual([
      { description: 'Cement', quantityMilli: 10_000, unit: 'bags', unitPriceMinor: 78_000, taxRateBp: 1600, itemId: cement.id },
      { description: 'Delivery', quantityMilli: 1000, unit: '', unitPriceMinor: 150_000, taxRateBp: null, itemId: delivery.id },
    ]);
    // 7,800 + 16% VAT, and delivery exempt.
    expect(draft.totals.totalMinor).toBe(904_800 + 150_000);
    expect(parsed.notes).toEqual(["'Cement': KES 780 per bag, from the catalog", "'Delivery': KES 1,500 each, from the catalog"]);
    expect(parsed.warnings).toEqual([]);

    // The page asks for the same items to preview the same draft.
    const entries = await call(core, 'items.forSentence', { sentence: '10 bags of cement and delivery' });
    expect(entries.map((e) => e.name)).toEqual(['Cement', 'Delivery']);

    // An archived item is no longer drafted from; a price changed is drafted at its new price.
    await call(core, 'items.archive', { id: delivery.id });
    await call(core, 'items.update', { id: cement.id, version: 1, item: { name: 'Cement', unit: 'bag', priceMinor: 80_000 } });
    const again = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: '10 bags of cement and delivery', refine: false });
    expect(again.draft.lines.map((l) => [l.unitPriceMinor, l.itemId])).toEqual([[80_000, cement.id], [0, null]]);
  });

  it('tells Gemini the catalog items the sentence names, and links its lines back to them', async () => {
    const server = await startFakeGemini(() =>
      goodReply([
        { description: 'Cement (50 kg bags)', quantity: 10, unit: 'bags', unitPrice: 780 },
        { description: 'Delivery to site', quantity: 1, unitPrice: 1500 },
      ]),
    );
    servers.push(server);
    const { core } = makeCore('2026-11-21T09:00:00.000Z', {
      geminiBaseUrl: server.url, secrets: memorySecretStore({ geminiApiKey: 'AIza-test-key-0123456789' }),
      jobs: { backoff: { baseMs: 40, capMs: 300 }, offlineRecheckMs: 150, leaseMs: 1500 },
    });
    const buyer = await customer(core, { name: 'Baraka Hardware' });
    const cement = await call(core, 'items.create', { name: 'Cement', code: 'CEM', unit: 'bag', priceMinor: 78_000 });
    const delivery = await call(core, 'items.create', { name: 'Delivery', priceMinor: 150_000, taxRateBp: null });
    await call(core, 'items.create', { name: 'Roofing sheets', unit: 'sheet', priceMinor: 95_000 });
    const { draft } = await call(core, 'drafting.generate', { customerId: buyer.id, prompt: '10 bags of cement and delivery' });
    await until(() => call(core, 'drafting.status', { draftId: draft.id }), (s) => s.state === 'refined');

    const prompt = JSON.stringify(server.requests[0]!.body);
    expect(prompt).toContain('- Cement [code CEM]: KES 780.00 per bag, VAT 16%');
    expect(prompt).toContain('- Delivery: KES 1,500.00 each, VAT Exempt');
    expect(prompt).not.toContain('Roofing sheets');
    const refined = await call(core, 'invoices.get', { id: draft.id });
    expect(refined.lines.map((l) => [l.description, l.itemId])).toEqual([['Cement (50 kg bags)', cement.id], ['Delivery to site', delivery.id]]);
  });

  it('adds up revenue by item for the period, lines typed freely apart, drafts and void invoices left out', async () => {
    const { core } = makeCore();
    const buyer = await customer(core);
    const cement = await call(core, 'items.create', { name: 'Cement', unit: 'bag', priceMinor: 78_000 });
    const delivery = await call(core, 'items.create', { name: 'Delivery', priceMinor: 150_000, taxRateBp: null });
    const finalize = async (lines: (ReturnType<typeof line> & { itemId?: string })[], issueDate = '2026-11-10') => {
      const d = await call(core, 'drafts.create', { draft: { customerId: buyer.id, issueDate, lines } });
      return call(core, 'invoices.finalize', { id: d.id, version: 1 });
    };
    await finalize([{ ...line('Cement', 10, 78_000), itemId: cement.id }, { ...line('Delivery', 1, 150_000, null), itemId: delivery.id }]);
    await finalize([{ ...line('Cement', 5, 78_000), itemId: cement.id }, line('Labour', 2, 100_000)]);
    const voided = await finalize([{ ...line('Delivery', 4, 150_000, null), itemId: delivery.id }]);
    await call(core, 'invoices.void', { id: voided.id, reason: 'Sent twice' });
    await call(core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-10', lines: [{ ...line('Delivery', 9, 150_000, null), itemId: delivery.id }] } });
    await finalize([{ ...line('Cement', 100, 78_000), itemId: cement.id }], '2026-10-10');
    await call(core, 'items.archive', { id: cement.id });

    const { currencies } = await call(core, 'analytics.revenueByItem', { period: { preset: 'thisMonth' } });
    expect(currencies).toEqual([
      {
        currency: 'KES',
        rows: [
          { itemId: cement.id, name: 'Cement', code: '', unit: 'bag', revenueMinor: 1_170_000, quantityMilli: 15_000, lineCount: 2, archived: true },
          { itemId: delivery.id, name: 'Delivery', code: '', unit: '', revenueMinor: 150_000, quantityMilli: 1000, lineCount: 1, archived: false },
        ],
        otherItemsMinor: 0,
        notFromCatalogMinor: 200_000,
        totalMinor: 1_520_000,
      },
    ]);
    const top = await call(core, 'analytics.revenueByItem', { period: { preset: 'thisMonth' }, limit: 1 });
    expect(top.currencies[0]).toMatchObject({ rows: [expect.objectContaining({ name: 'Cement' })], otherItemsMinor: 150_000 });
  });
});
