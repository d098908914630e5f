// Books for billing tests: a customer, and drafts finalized through the real channels.
import type { Core } from '../../electron/core/app';
import type { DraftContentInput } from '../../shared/domain/invoice';
import { call } from './core';

export async function customer(core: Core, overrides: Record<string, unknown> = {}) {
  return call(core, 'customers.create', { name: 'Wanjiku Traders', email: 'orders@wanjiku.co.ke', phone: '0722 123456', paymentTermsDays: 30, ...overrides });
}

export const line = (description: string, quantity: number, unitPriceMinor: number, taxRateBp: number | null = 1600) => ({
  description, quantityMilli: quantity * 1000, unit: 'pieces', unitPriceMinor, taxRateBp,
});

export async function draft(core: Core, customerId: string, content: Partial<DraftContentInput> = {}) {
  return call(core, 'drafts.create', {
    draft: { customerId, issueDate: '2026-11-21', lines: [line('Web hosting', 3, 1_500_000)], ...content },
  });
}

/** A finalized invoice: a draft with the given content, finalized at its first version. */
export async function invoice(core: Core, customerId: string, content: Partial<DraftContentInput> = {}) {
  const d = await draft(core, customerId, content);
  return call(core, 'invoices.finalize', { id: d.id, version: d.draft.version });
}
