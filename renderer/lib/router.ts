// A tiny hash router: the route is the part of location.hash after "#".
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'payments' }
  | { name: 'statementImport' }
  | { name: 'unmatched' }
  | { name: 'backups' }
  | { name: 'customers' }
  | { name: 'customerNew' }
  | { name: 'customerImport' }
  | { name: 'customer'; id: string; tab?: string }
  | { name: 'customerEdit'; id: string }
  | { name: 'invoices' }
  | { name: 'invoiceImport' }
  | { name: 'items' }
  | { name: 'itemNew' }
  | { name: 'itemImport' }
  | { name: 'itemEdit'; id: string }
  | { name: 'draftNew'; customerId?: string }
  | { name: 'invoice'; id: string }
  | { name: 'draftEdit'; id: string }
  | { name: 'draftsBulk' }
  | { name: 'quotes' }
  | { name: 'quoteNew'; customerId?: string }
  | { name: 'jobs' }
  | { name: 'settings'; section?: string }
  | { name: 'analytics'; tab?: string }
  | { name: 'reports' }
  | { name: 'etims' }
  | { name: 'messages' }
  | { name: 'people' }
  | { name: 'devices' }
  | { name: 'syncProblems' }
  | { name: 'notFound'; path: string };

function parseCustomers(parts: string[], path: string): Route {
  const [, second, third] = parts;
  if (second === undefined) return { name: 'customers' };
  if (second === 'new' && parts.length === 2) return { name: 'customerNew' };
  if (second === 'import' && parts.length === 2) return { name: 'customerImport' };
  if (parts.length === 2) return { name: 'customer', id: second };
  if (third === 'edit' && parts.length === 3) return { name: 'customerEdit', id: second };
  if (third === 'tab' && parts.length === 4) return { name: 'customer', id: second, tab: parts[3]! };
  return { name: 'notFound', path };
}

function parseInvoices(parts: string[], path: string): Route {
  const [, second, third] = parts;
  if (second === undefined) return { name: 'invoices' };
  if (second === 'new' && parts.length === 2) return { name: 'draftNew' };
  if (second === 'bulk' && parts.length === 2) return { name: 'draftsBulk' };
  if (second === 'import' && parts.length === 2) return { name: 'invoiceImport' };
  if (second === 'new' && parts.length === 3) return { name: 'draftNew', customerId: third! };
  if (parts.length === 2) return { name: 'invoice', id: second };
  if (third === 'edit' && parts.length === 3) return { name: 'draftEdit', id: second };
  return { name: 'notFound', path };
}

function parseItems(parts: string[], path: string): Route {
  const [, second, third] = parts;
  if (second === undefined) return { name: 'items' };
  if (second === 'new' && parts.length === 2) return { name: 'itemNew' };
  if (second === 'import' && parts.length === 2) return { name: 'itemImport' };
  if (parts.length === 2) return { name: 'itemEdit', id: second };
  if (third === 'edit' && parts.length === 3) return { name: 'itemEdit', id: second };
  return { name: 'notFound', path };
}

function parseQuotes(parts: string[], path: string): Route {
  const [, second, third] = parts;
  if (second === undefined) return { name: 'quotes' };
  if (second === 'new' && parts.length === 2) return { name: 'quoteNew' };
  if (second === 'new' && parts.length === 3) return { name: 'quoteNew', customerId: third! };
  return { name: 'notFound', path };
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  // The app opens on Home: what to do first, then today's money.
  if (parts.length === 0 || (parts[0] === 'home' && parts.length === 1)) return { name: 'home' };
  if (parts[0] === 'payments' && parts.length === 1) return { name: 'payments' };
  if (parts[0] === 'payments' && parts[1] === 'import' && parts.length === 2) return { name: 'statementImport' };
  if (parts[0] === 'payments' && parts[1] === 'unmatched' && parts.length === 2) return { name: 'unmatched' };
  if (parts[0] === 'backups' && parts.length === 1) return { name: 'backups' };
  if (parts[0] === 'customers') return parseCustomers(parts, path);
  if (parts[0] === 'invoices') return parseInvoices(parts, path);
  if (parts[0] === 'items') return parseItems(parts, path);
  if (parts[0] === 'quotes') return parseQuotes(parts, path);
  if (parts[0] === 'queue' && parts.length === 1) return { name: 'jobs' };
  if (parts[0] === 'settings' && parts.length === 1) return { name: 'settings' };
  if (/^settings\?section=[\w-]+$/.test(parts[0] ?? '') && parts.length === 1) return { name: 'settings', section: parts[0]!.split('=')[1]! };
  if (parts[0] === 'analytics' && parts.length <= 2) return parts[1] ? { name: 'analytics', tab: parts[1] } : { name: 'analytics' };
  if (parts[0] === 'reports' && parts.length === 1) return { name: 'reports' };
  if (parts[0] === 'etims' && parts.length === 1) return { name: 'etims' };
  if (parts[0] === 'messages' && parts.length === 1) return { name: 'messages' };
  if (parts[0] === 'people' && parts.length === 1) return { name: 'people' };
  if (parts[0] === 'devices' && parts.length === 1) return { name: 'devices' };
  if (parts[0] === 'sync-problems' && parts.length === 1) return { name: 'syncProblems' };
  return { name: 'notFound', path };
}

/** Which part of the sidebar a route belongs to. */
export type Section = 'home' | 'customers' | 'invoices' | 'quotes' | 'items' | 'payments' | 'unmatched' | 'messages' | 'analytics' | 'reports' | 'jobs' | 'backups' | 'settings' | '';

export function sectionOf(route: Route): Section {
  switch (route.name) {
    case 'notFound':
      return '';
    case 'etims':
      return 'reports';
    case 'invoices':
    case 'draftNew':
    case 'invoice':
    case 'draftEdit':
    case 'draftsBulk':
    case 'invoiceImport':
      return 'invoices';
    case 'quotes':
    case 'quoteNew':
      return 'quotes';
    case 'items':
    case 'itemNew':
    case 'itemImport':
    case 'itemEdit':
      return 'items';
    case 'statementImport':
      return 'payments';
    case 'home':
    case 'payments':
    case 'unmatched':
    case 'backups':
    case 'messages':
    case 'analytics':
    case 'reports':
    case 'jobs':
    case 'settings':
      return route.name;
    // The organisation's people and devices, and sync problems, are reached from Settings → Account & sync.
    case 'people':
    case 'devices':
    case 'syncProblems':
      return 'settings';
    default:
      return 'customers';
  }
}

export const paths = {
  home: () => '#/',
  payments: () => '#/payments',
  /** An M-Pesa statement read, matched and reviewed before it is recorded. */
  statementImport: () => '#/payments/import',
  /** Money received that is not yet tied to an invoice. */
  unmatched: () => '#/payments/unmatched',
  backups: () => '#/backups',
  customers: () => '#/customers',
  customerNew: () => '#/customers/new',
  customerImport: () => '#/customers/import',
  customer: (id: string) => `#/customers/${encodeURIComponent(id)}`,
  /** A customer's page opened on a tab: "invoices", "payments", "activity"… */
  customerTab: (id: string, tab: string) => `#/customers/${encodeURIComponent(id)}/tab/${encodeURIComponent(tab)}`,
  customerEdit: (id: string) => `#/customers/${encodeURIComponent(id)}/edit`,
  invoices: () => '#/invoices',
  draftNew: (customerId?: string) => (customerId ? `#/invoices/new/${encodeURIComponent(customerId)}` : '#/invoices/new'),
  invoice: (id: string) => `#/invoices/${encodeURIComponent(id)}`,
  draftEdit: (id: string) => `#/invoices/${encodeURIComponent(id)}/edit`,
  draftsBulk: () => '#/invoices/bulk',
  quotes: () => '#/quotes',
  quoteNew: (customerId?: string) => (customerId ? `#/quotes/new/${encodeURIComponent(customerId)}` : '#/quotes/new'),
  /** Open invoices from another tool. */
  invoiceImport: () => '#/invoices/import',
  items: () => '#/items',
  itemNew: () => '#/items/new',
  itemImport: () => '#/items/import',
  itemEdit: (id: string) => `#/items/${encodeURIComponent(id)}`,
  jobs: () => '#/queue',
  /** KRA eTIMS: transmitted, waiting and refused documents per period, and the accountant's CSV. */
  etims: () => '#/etims',
  /** Settings, opened at one section ("email", "business"…). */
  settings: (section?: string) => (section ? `#/settings?section=${encodeURIComponent(section)}` : '#/settings'),
  analytics: (tab?: string) => (tab ? `#/analytics/${encodeURIComponent(tab)}` : '#/analytics'),
  reports: () => '#/reports',
  /** Every email and SMS sent, scheduled or failed. */
  messages: () => '#/messages',
  /** The organisation's people and invitations (Billbook Cloud). */
  people: () => '#/people',
  /** The organisation's computers. */
  devices: () => '#/devices',
  syncProblems: () => '#/sync-problems',
};

export function navigate(href: string): void {
  if (window.location.hash === href) return;
  window.location.hash = href;
}

/** An address that shows the screen already on screen (kept mounted), and that screen's key. */
let continued: { hash: string; key: string } | null = null;

/** The key the shell mounts a screen under: its address, unless it continues the screen before it. */
export function screenKeyOf(hash: string): string {
  if (!continued) return hash;
  if (hash === continued.hash) return continued.key;
  // The address the continued screen came from (Back to "New invoice") is a fresh screen again.
  return hash === continued.key ? `${hash}|again` : hash;
}

/**
 * Moves to `href` without mounting a new screen: the one on screen goes on under its new address
 * (a new invoice, once saved, becomes its draft's editor and keeps what was typed meanwhile).
 */
export function navigateContinuing(href: string): void {
  continued = { hash: href, key: screenKeyOf(window.location.hash) };
  navigate(href);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function getHash(): string {
  return window.location.hash;
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, getHash);
}
