// Drafts that start from the customer's past: recurring-billing suggestions, the previous invoice
// as a template, and one sentence template for many customers.
import { describe, expect, it } from 'vitest';
import { call, makeCore, refused } from '../helpers/core';
import { customer } from '../helpers/billing';
import type { Core } from '../../electron/core/app';

async function billed(core: Core, customerId: string, issueDate: string, description: string, priceMinor: number) {
  const draft = await call(core, 'drafts.create', {
    draft: { customerId, issueDate, lines: [{ description, quantityMilli: 1000, unit: 'months', unitPriceMinor: priceMinor }] },
  });
  return call(core, 'invoices.finalize', { id: draft.id, version: 1 });
}

describe('recurring billing suggestions', () => {
  it('sees the same items billed monthly at least three times and suggests the next invoice, with its date and reason', async () => {
    const { core } = makeCore();
    const buyer = await customer(core, { name: 'Kilimani Web Studio' });
    for (const month of ['07', '08', '09', '10']) {
      const name = { '07': 'July', '08': 'August', '09': 'September', '10': 'October' }[month];
      await billed(core, buyer.id, `2026-${month}-01`, `Web hosting for ${name} 2026`, 1_500_000);
    }
    const [suggestion, ...rest] = await call(core, 'drafting.suggestions', { customerId: buyer.id });
    expect(rest).toHaveLength(0);
    expect(suggestion).toMatchObject({ cadence: 'monthly', nextIssueDate: '2026-11-01', dueSoon: true, totalMinor: 1_740_000, currency: 'KES' });
    expect(suggestion!.lines[0]!.description).toBe('Web hosting for November 2026');
    expect(suggestion!.reason).toMatch(/^Billed Web hosting for October 2026 monthly on 4 invoices, last on 1 Oct 2026 \(INV-2026-0004\)\.$/);
    expect(suggestion!.basedOn).toHaveLength(4);

    // Across all customers too.
    expect((await call(core, 'drafting.suggestions', {})).map((s) => s.key)).toEqual([suggestion!.key]);

    const draft = await call(core, 'drafting.useSuggestion', { customerId: buyer.id, key: suggestion!.key });
    expect(draft.status).toBe('draft');
    expect(draft.draft.source).toBe('suggestion');
    expect(draft.issueDate).toBe('2026-11-21');
    expect(draft.lines[0]).toMatchObject({ description: 'Web hosting for November 2026', unitPriceMinor: 1_500_000 });
    expect((await refused(core, 'drafting.useSuggestion', { customerId: buyer.id, key: 'nope' })).message).toMatch(/no longer applies/);
  });

  it('keeps VAT-inclusive prices and the discount of the last invoice, so the suggestion bills what was billed', async () => {
    const { core } = makeCore();
    const buyer = await customer(core, { aiPreferences: { template: 'professional', language: 'en', includeTax: true } });
    for (const month of ['07', '08', '09']) {
      const d = await call(core, 'drafts.create', {
        draft: { customerId: buyer.id, issueDate: `2026-${month}-01`, pricesIncludeTax: true, discount: { kind: 'percent', bp: 1000 }, lines: [{ description: 'Retainer', quantityMilli: 1000, unitPriceMinor: 1_160_000 }] },
      });
      await call(core, 'invoices.finalize', { id: d.id, version: 1 });
    }
    const [suggestion] = await call(core, 'drafting.suggestions', { customerId: buyer.id });
    expect(suggestion!.totalMinor).toBe(1_044_000);
    const draft = await call(core, 'drafting.useSuggestion', { customerId: buyer.id, key: suggestion!.key });
    expect(draft.totals.totalMinor).toBe(1_044_000);
    expect(draft.pricesIncludeTax).toBe(true);
    const versions = await call(core, 'drafts.versions', { id: draft.id });
    expect(versions[0]!.warnings).toEqual([]);
  });

  it('follows the customer\'s "prices include VAT" when it changed since the last invoice, and says so', async () => {
    const { core } = makeCore();
    const buyer = await customer(core);
    for (const month of ['07', '08', '09']) await billed(core, buyer.id, `2026-${month}-01`, 'Retainer', 1_000_000);
    await call(core, 'customers.update', { id: buyer.id, version: 1, customer: { name: buyer.name, email: buyer.email, phone: buyer.phone, aiPreferences: { template: 'professional', language: 'en', includeTax: true } } });
    const [suggestion] = await call(core, 'drafting.suggestions', { customerId: buyer.id });
    const draft = await call(core, 'drafting.useSuggestion', { customerId: buyer.id, key: suggestion!.key });
    expect(draft.pricesIncludeTax).toBe(true);
    expect(draft.totals.totalMinor).toBe(1_000_000);
    const [version] = await call(core, 'drafts.versions', { id: draft.id });
    expect(version!.warnings.join(' ')).toMatch(/prices include VAT, so the same prices now include it/);
    const copy = await call(core, 'drafting.fromPrevious', { customerId: buyer.id });
    expect(copy.pricesIncludeTax).toBe(true);
    expect(copy.totals.totalMinor).toBe(1_000_000);
  });

  it('suggests nothing from two invoices, from an irregular rhythm, or from different items', async () => {
    const { core } = makeCore();
    const twice = await customer(core, { name: 'Twice Ltd', email: 'a@twice.co.ke', phone: '0722000001' });
    await billed(core, twice.id, '2026-09-01', 'Retainer', 5_000_000);
    await billed(core, twice.id, '2026-10-01', 'Retainer', 5_000_000);
    const irregular = await customer(core, { name: 'Irregular Ltd', email: 'a@irr.co.ke', phone: '0722000002' });
    for (const date of ['2026-03-02', '2026-04-20', '2026-05-03', '2026-08-30']) await billed(core, irregular.id, date, 'Retainer', 5_000_000);
    const mixed = await customer(core, { name: 'Mixed Ltd', email: 'a@mixed.co.ke', phone: '0722000003' });
    for (const [date, item] of [['2026-08-01', 'Logo'], ['2026-09-01', 'Flyers'], ['2026-10-01', 'Banner']] as const) await billed(core, mixed.id, date, item, 900_000);
    expect(await call(core, 'drafting.suggestions', {})).toEqual([]);
  });
});

describe('the previous invoice as a template', () => {
  it('copies the last invoice into a new draft dated today, and says so when there is none', async () => {
    const { core } = makeCore();
    const buyer = await customer(core);
    expect((await refused(core, 'drafting.fromPrevious', { customerId: buyer.id })).message).toMatch(/has no finalized invoice to copy yet/);
    await billed(core, buyer.id, '2026-09-15', 'Bookkeeping', 2_000_000);
    await billed(core, buyer.id, '2026-10-15', 'Bookkeeping and payroll', 3_000_000);
    const copy = await call(core, 'drafting.fromPrevious', { customerId: buyer.id });
    expect(copy).toMatchObject({ status: 'draft', issueDate: '2026-11-21' });
    expect(copy.draft.source).toBe('copy');
    expect(copy.lines.map((l) => l.description)).toEqual(['Bookkeeping and payroll']);
  });
});

describe('bulk drafting', () => {
  it('makes one draft per customer from a sentence template, skips those it cannot bill, and reports the batch', async () => {
    const { core } = makeCore();
    const a = await customer(core, { name: 'Amani Clinic', email: 'a@amani.co.ke', phone: '0722000011' });
    const b = await customer(core, { name: 'Baraka Hardware', email: 'b@baraka.co.ke', phone: '0722000012' });
    const gone = await customer(core, { name: 'Closed Shop', email: 'c@closed.co.ke', phone: '0722000013' });
    await call(core, 'customers.archive', { id: gone.id });
    const result = await call(core, 'drafting.bulk', { customerIds: [a.id, b.id, gone.id, a.id], template: 'Monthly retainer for {month} for {customer}: 50,000' });
    expect(result.created.map((c) => c.customerName)).toEqual(['Amani Clinic', 'Baraka Hardware']);
    expect(result.created[0]!.prompt).toBe('Monthly retainer for November 2026 for Amani Clinic: 50,000');
    expect(result.skipped).toEqual([{ customerId: gone.id, customerName: 'Closed Shop', reason: expect.stringMatching(/archived/) }]);
    const draft = await call(core, 'invoices.get', { id: result.created[1]!.draftId });
    expect(draft.draft.source).toBe('offline_parser');
    expect(draft.lines[0]!.unitPriceMinor).toBe(5_000_000);
    // No key is set, so nothing is queued for AI: the batch has no jobs to follow.
    expect((await call(core, 'jobs.list', {})).jobs).toEqual([]);
    expect((await refused(core, 'drafting.batch', { batchId: result.batchId })).code).toBe('not_found');
  });
});
