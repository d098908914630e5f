import { describe, expect, it } from 'vitest';
import { UNREADABLE_SENTENCE } from '../../electron/core/audit/repo';
import { call, makeCore } from '../helpers/core';
import { customer } from '../helpers/billing';

describe("a customer's history with a line this version cannot read", () => {
  it('shows every other line, and says what the unreadable one is', async () => {
    const { core } = makeCore();
    const buyer = await customer(core, { name: 'Nyeri Dairy' });
    await call(core, 'customers.archive', { id: buyer.id });
    await call(core, 'customers.restore', { id: buyer.id });
    const before = await call(core, 'customers.activity', { id: buyer.id });
    expect(before.map((l) => l.summary)).toEqual(['Customer restored', 'Customer archived', expect.stringMatching(/^Customer created as CUST-/)]);
    // The archive line as a newer Billbook would pack it: with a code this version does not have.
    core.context.sql.prepare("UPDATE audit_log SET summary = ? WHERE id = ?").run(Buffer.from([0x41, 0xf0, 0x42]), before[1]!.id);
    const after = await call(core, 'customers.activity', { id: buyer.id });
    expect(after.map((l) => l.summary)).toEqual([before[0]!.summary, UNREADABLE_SENTENCE, before[2]!.summary]);
    expect(after.map((l) => [l.id, l.at, l.action])).toEqual(before.map((l) => [l.id, l.at, l.action]));
    core.close();
  });
});
