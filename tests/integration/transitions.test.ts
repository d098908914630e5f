// Every action against every invoice state: what is allowed goes through, and what is not is
// refused with a message that says what to do instead.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { call, makeCore } from '../helpers/core';
import { customer, draft, line } from '../helpers/billing';

type State = 'draft' | 'open' | 'partially_paid' | 'paid' | 'void';
type Action = 'edit' | 'finalize' | 'void' | 'creditNote' | 'pay' | 'discard' | 'duplicate';

/** An invoice of 1,000.00 (no VAT) in the given state; returns its id and draft version. */
async function invoiceIn(core: Core, customerId: string, state: State): Promise<{ id: string; version: number }> {
  const d = await draft(core, customerId, { lines: [line('Service', 1, 100_000, 0)] });
  if (state === 'draft') return { id: d.id, version: 1 };
  await call(core, 'invoices.finalize', { id: d.id, version: 1 });
  if (state === 'partially_paid' || state === 'paid') {
    const amountMinor = state === 'paid' ? 100_000 : 40_000;
    await call(core, 'payments.record', { customerId, amountMinor, paidOn: '2026-11-21', method: 'cash', allocations: [{ invoiceId: d.id, amountMinor }] });
  }
  if (state === 'void') await call(core, 'invoices.void', { id: d.id, reason: 'Entered twice' });
  return { id: d.id, version: 1 };
}

async function attempt(core: Core, customerId: string, action: Action, target: { id: string; version: number }) {
  switch (action) {
    case 'edit':
      return core.api['drafts.update']({ id: target.id, version: target.version, draft: { customerId, issueDate: '2026-11-21', lines: [line('Changed', 1, 1, 0)] } });
    case 'finalize':
      return core.api['invoices.finalize']({ id: target.id, version: target.version });
    case 'void':
      return core.api['invoices.void']({ id: target.id, reason: 'Not needed' });
    case 'creditNote':
      return core.api['invoices.creditNote']({ invoiceId: target.id, amountMinor: 10_000, reason: 'Goodwill' });
    case 'pay':
      return core.api['payments.record']({ customerId, amountMinor: 10_000, paidOn: '2026-11-21', method: 'cash', allocations: [{ invoiceId: target.id, amountMinor: 10_000 }] });
    case 'discard':
      return core.api['drafts.discard']({ id: target.id });
    case 'duplicate':
      return core.api['drafts.duplicate']({ invoiceId: target.id });
  }
}

// true: allowed. A string: refused, with a message matching it.
const EXPECTED: Record<State, Record<Action, true | RegExp>> = {
  draft: { edit: true, finalize: true, void: /discarded, not voided/, creditNote: /change it instead/, pay: /is a draft/, discard: true, duplicate: true },
  open: { edit: /can no longer be changed.*credit note or void it/, finalize: /already finalized/, void: true, creditNote: true, pay: true, discard: /Void it/, duplicate: true },
  partially_paid: { edit: /can no longer be changed.*credit note/, finalize: /already finalized/, void: /has payments.*Reverse them first/, creditNote: true, pay: true, discard: /Void it/, duplicate: true },
  paid: { edit: /can no longer be changed/, finalize: /already finalized/, void: /has payments/, creditNote: /settled.*take the payment off/, pay: /already paid in full/, discard: /Void it/, duplicate: true },
  void: { edit: /can no longer be changed/, finalize: /already finalized/, void: /already void/, creditNote: /void; there is nothing to credit/, pay: /void and cannot be paid/, discard: /Void it/, duplicate: true },
};

describe('invoice transitions', () => {
  for (const state of Object.keys(EXPECTED) as State[]) {
    for (const action of Object.keys(EXPECTED[state]) as Action[]) {
      const expected = EXPECTED[state][action];
      it(`${action} on a ${state} invoice is ${expected === true ? 'allowed' : 'refused'}`, async () => {
        const { core } = makeCore();
        const c = await customer(core);
        const target = await invoiceIn(core, c.id, state);
        const before = await call(core, 'invoices.get', { id: target.id });
        const result = await attempt(core, c.id, action, target);
        if (expected === true) {
          expect(result.ok, JSON.stringify(result)).toBe(true);
          return;
        }
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(['conflict', 'invalid_input']).toContain(result.error.code);
        expect(result.error.message).toMatch(expected);
        // A refusal changes nothing.
        expect(await call(core, 'invoices.get', { id: target.id })).toEqual(before);
      });
    }
  }
});
