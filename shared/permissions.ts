// Who may do what in an organisation: written once, enforced by Billbook Cloud on every request and
// every synced change, and used by the app to hide or disable what a role cannot do (a courtesy).

export const ROLES = ['owner', 'admin', 'accountant', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  accountant: 'Accountant',
  sales: 'Sales',
  viewer: 'Viewer',
};

export const ROLE_SUMMARIES: Record<Role, string> = {
  owner: 'Everything, including the organisation’s billing and deleting it',
  admin: 'Everything but billing and deleting the organisation: people, devices and settings',
  accountant: 'Payments, credit notes, voids and reports; reads everything else',
  sales: 'Customers, drafts, finalizing and sending, and taking payments; no voids, reversals or settings',
  viewer: 'Reads everything, changes nothing',
};

export const ACTIONS = [
  'books.read',
  'customers.write',
  'drafts.write',
  'invoices.finalize',
  'invoices.send',
  'invoices.void',
  'creditNotes.create',
  'payments.record',
  'payments.reverse',
  'payments.match',
  'reports.write',
  'settings.write',
  'people.manage',
  'devices.manage',
  'audit.read',
  'org.billing',
  'org.delete',
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL: readonly Action[] = ACTIONS;

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  owner: ALL,
  admin: ALL.filter((a) => a !== 'org.billing' && a !== 'org.delete'),
  accountant: ['books.read', 'invoices.void', 'creditNotes.create', 'payments.record', 'payments.reverse', 'payments.match', 'reports.write', 'audit.read'],
  sales: ['books.read', 'customers.write', 'drafts.write', 'invoices.finalize', 'invoices.send', 'payments.record'],
  viewer: ['books.read'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

/** What a person reads when their role stops them: on hover in the app, in the Cloud's refusal. */
export const ACTION_WORDS: Record<Action, string> = {
  'books.read': 'read the books',
  'customers.write': 'add or change customers',
  'drafts.write': 'create or change drafts',
  'invoices.finalize': 'finalize invoices',
  'invoices.send': 'send invoices and reminders',
  'invoices.void': 'void invoices',
  'creditNotes.create': 'issue credit notes',
  'payments.record': 'record payments',
  'payments.reverse': 'reverse payments or take them off invoices',
  'payments.match': 'assign or dismiss unmatched payments',
  'reports.write': 'save or remove reports',
  'settings.write': 'change settings',
  'people.manage': 'invite people or change their roles',
  'devices.manage': 'see or revoke devices',
  'audit.read': 'read the audit log',
  'org.billing': 'manage the organisation’s billing',
  'org.delete': 'delete the organisation',
};

/** The role as a person: "As a salesperson you cannot …". */
export const ROLE_PERSON: Record<Role, string> = {
  owner: 'an owner',
  admin: 'an admin',
  accountant: 'an accountant',
  sales: 'a salesperson',
  viewer: 'a viewer',
};

export function refusalMessage(role: Role, action: Action): string {
  const allowed = ROLES.filter((r) => can(r, action)).map((r) => ROLE_LABELS[r]);
  return `As ${ROLE_PERSON[role]} you cannot ${ACTION_WORDS[action]}. ${allowed.join(', ')} can; ask an owner or admin to change your role.`;
}
