// A tiny hash router: the route is the part of location.hash after "#".
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'customers' }
  | { name: 'customerNew' }
  | { name: 'customerImport' }
  | { name: 'customer'; id: string }
  | { name: 'customerEdit'; id: string }
  | { name: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/customers';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'customers' };
  if (parts[0] !== 'customers') return { name: 'notFound', path };
  const [, second, third] = parts;
  if (second === undefined) return { name: 'customers' };
  if (second === 'new' && parts.length === 2) return { name: 'customerNew' };
  if (second === 'import' && parts.length === 2) return { name: 'customerImport' };
  if (parts.length === 2) return { name: 'customer', id: second };
  if (third === 'edit' && parts.length === 3) return { name: 'customerEdit', id: second };
  return { name: 'notFound', path };
}

export const paths = {
  customers: () => '#/customers',
  customerNew: () => '#/customers/new',
  customerImport: () => '#/customers/import',
  customer: (id: string) => `#/customers/${encodeURIComponent(id)}`,
  customerEdit: (id: string) => `#/customers/${encodeURIComponent(id)}/edit`,
};

export function navigate(href: string): void {
  if (window.location.hash === href) return;
  window.location.hash = href;
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
