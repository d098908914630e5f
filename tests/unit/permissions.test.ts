// The permission table says in code what the roles mean in words (issue: owner everything; admin
// people and settings; accountant payments, credit notes, voids, reports; sales customers, drafts,
// finalize and send, no voids, reversals or settings; viewer read only).
import { describe, expect, it } from 'vitest';
import { ACTIONS, can, PERMISSIONS, refusalMessage, ROLES } from '../../shared/permissions';

describe('the permission table', () => {
  it('gives the owner everything and the viewer only reading', () => {
    expect([...PERMISSIONS.owner].sort()).toEqual([...ACTIONS].sort());
    expect(PERMISSIONS.viewer).toEqual(['books.read']);
  });

  it('keeps billing and deleting the organisation for owners', () => {
    for (const role of ROLES) expect([can(role, 'org.billing'), can(role, 'org.delete')]).toEqual([role === 'owner', role === 'owner']);
  });

  it('lets sales sell but never void, reverse or change settings', () => {
    for (const action of ['customers.write', 'drafts.write', 'invoices.finalize', 'invoices.send'] as const) expect(can('sales', action)).toBe(true);
    for (const action of ['invoices.void', 'payments.reverse', 'settings.write', 'creditNotes.create', 'people.manage'] as const) expect(can('sales', action)).toBe(false);
  });

  it('lets an accountant handle money and corrections but not sell', () => {
    for (const action of ['payments.record', 'payments.reverse', 'creditNotes.create', 'invoices.void', 'reports.write'] as const) expect(can('accountant', action)).toBe(true);
    for (const action of ['drafts.write', 'invoices.finalize', 'customers.write', 'settings.write'] as const) expect(can('accountant', action)).toBe(false);
  });

  it('says who can when it refuses', () => {
    expect(refusalMessage('sales', 'invoices.void')).toBe('As a salesperson you cannot void invoices. Owner, Admin, Accountant can; ask an owner or admin to change your role.');
    expect(refusalMessage('accountant', 'drafts.write')).toBe('As an accountant you cannot create or change drafts. Owner, Admin, Sales can; ask an owner or admin to change your role.');
  });
});
