import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { call, makeCore, tempDir } from '../helpers/core';
import { customer } from '../helpers/billing';
import { rewindBooks } from '../helpers/olderBooks';
import { searchDocumentOfRow, type IndexedCustomerRow } from '../../electron/core/customers/search';

// Phone numbers are indexed as whole suffixes for their first digits and runs of digits after them
// (shared/domain/phone.ts). Whatever the index holds, a search must find exactly the customers a
// plain scan finds: a phone fragment anywhere in a number (from a start at least three digits before
// its end), or the start of a word of the code or tax ID; each word of a mixed search in some field.

interface Stored {
  code: string; name: string; email: string; secondary_email: string; phone: string; secondary_phone: string;
  tax_id: string; deleted_at: string | null;
}

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
const digitsOf = (e164: string) => e164.replace(/\D/g, '');

/** Where `fragment` occurs in a phone number as the old index of every suffix found it. */
function inPhone(c: Stored, fragment: string): boolean {
  return [c.phone, c.secondary_phone].some((p) => {
    const d = digitsOf(p);
    for (let start = 0; start <= d.length - 3; start++) if (d.startsWith(fragment, start)) return true;
    return false;
  });
}

/** The codes a plain scan of the stored customers finds for what was typed. */
function scanned(rows: Stored[], typed: string, includeArchived: boolean): string[] {
  const text = typed.trim();
  const digits = text.replace(/\D/g, '');
  const live = rows.filter((c) => includeArchived || c.deleted_at === null);
  let found: Stored[];
  if (/^[+\d\s\-().]+$/.test(text) && digits.length >= 3) {
    const national = digits.replace(/^0+/, '');
    const q = national.length >= 3 ? national : digits;
    found = live.filter((c) => inPhone(c, q) || [...words(c.code), ...words(c.tax_id)].some((w) => w.startsWith(q)));
  } else {
    const terms = words(text);
    found = live.filter((c) =>
      terms.every((t) => [...words(c.name), ...words(c.email), ...words(c.secondary_email), ...words(c.code), ...words(c.tax_id)].some((w) => w.startsWith(t)) || inPhone(c, t)),
    );
  }
  return found.map((c) => c.code).sort();
}

async function searched(core: Core, typed: string, includeArchived: boolean): Promise<string[]> {
  const page = await call(core, 'customers.list', { search: typed, includeArchived, limit: 200 });
  expect(page.total, typed).toBe(page.rows.length);
  return page.rows.map((r) => r.code).sort();
}

const PHONES = [
  ['Kamau Traders', '+254722123456', '+254711000456'],
  ['Atieno Consultants', '+254733456789', ''],
  ['Kiprop 254 Hardware', '+254711111111', ''],
  ['Wambui Salon', '+254700000000', '+12025550123'],
  ['Hill Imports', '+447911123456', ''],
  ['Niue Fisheries', '+6834002', ''],
  ['Dublin Books', '+35312345678', ''],
  ['Kariuki Motors', '+254722654321', ''],
] as const;

/** Every fragment of each number's digits, typed as people type them, with and without a name word. */
function fragments(): string[] {
  const typed = new Set<string>(['999999', '12345678', '2547', '+254 7', '+254 722', '254722', '0722 1', '7221', '(0722) 123 456', '00254722123456', '0001', 'P0512', '4002']);
  for (const [name, ...phones] of PHONES) {
    for (const phone of phones.filter((p) => p !== '')) {
      const d = digitsOf(phone);
      for (let start = 0; start < d.length; start++) {
        for (let end = start + 3; end <= d.length; end++) {
          const f = d.slice(start, end);
          typed.add(f);
          if (start === 0) typed.add(`+${f.slice(0, 3)} ${f.slice(3)}`.trim());
          if (end - start >= 6) typed.add(`${f.slice(0, 3)} ${f.slice(3)}`);
          if (start === 3 && d.startsWith('254')) typed.add(`0${f}`);
          if ((end - start) % 4 === 1) typed.add(`${name.split(' ')[0]} ${f}`);
        }
      }
    }
  }
  return [...typed];
}

async function addCustomers(core: Core) {
  // Half through the form, half through an import (which writes the search entries after the rows).
  for (const [name, phone, secondaryPhone] of PHONES.slice(0, 4)) await customer(core, { name, email: '', phone, secondaryPhone, taxId: name.startsWith('Kiprop') ? 'P051234567X' : '' });
  const csvText = ['Name,Phone,Secondary phone', ...PHONES.slice(4).map(([name, phone, secondary]) => `${name},${phone},${secondary}`)].join('\n');
  const preview = await call(core, 'customers.import.preview', { csvText, fileName: 'phones.csv' });
  await call(core, 'customers.import.commit', { csvText, fileName: 'phones.csv', mapping: preview.mapping, duplicateActions: {} });
  const hill = (await call(core, 'customers.list', { search: 'hill' })).rows[0]!;
  await call(core, 'customers.archive', { id: hill.id });
}

const storedRows = (db: Database.Database) =>
  db.prepare('SELECT code, name, email, secondary_email, phone, secondary_phone, tax_id, deleted_at FROM customers').all() as Stored[];

async function expectScannedAnswers(core: Core, typed: string[]) {
  const rows = storedRows(core.context.sql.db);
  expect(rows.filter((r) => r.phone !== '')).toHaveLength(PHONES.length);
  let found = 0;
  for (const search of typed) {
    for (const includeArchived of [false, true]) {
      const expected = scanned(rows, search, includeArchived);
      found += expected.length;
      expect(await searched(core, search, includeArchived), `${search} (archived ${includeArchived})`).toEqual(expected);
    }
  }
  // Most fragments find someone, so an index that finds nobody cannot pass.
  expect(found).toBeGreaterThan(typed.length);
}

describe('customer search by phone fragments', () => {
  it('finds the customers a plain scan finds, for every fragment of every number, live and archived', async () => {
    const { core } = makeCore();
    await addCustomers(core);
    const typed = fragments();
    expect(typed.length).toBeGreaterThan(500);
    await expectScannedAnswers(core, typed);
  });

  it('migration 21 writes the older entries (every digit suffix) again as runs, with the same answers', async () => {
    const dir = tempDir();
    const { core } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    await addCustomers(core);
    core.close();

    // Books as version 20 left them: every search entry with each phone's every digit suffix.
    const file = path.join(dir, 'billbook.db');
    rewindBooks(file, 20);
    const older = new Database(file);
    const suffixes = (e164: string) => {
      const d = digitsOf(e164);
      return Array.from({ length: Math.max(0, d.length - 2) }, (_, start) => d.slice(start));
    };
    const rows = older.prepare('SELECT seq, name, email, secondary_email, phone, secondary_phone, code, tax_id, status, deleted_at FROM customers').all() as (IndexedCustomerRow & { seq: number })[];
    older.exec("INSERT INTO customer_search (customer_search) VALUES ('delete-all')");
    const insert = older.prepare('INSERT INTO customer_search (rowid, name, email, phone, code, tax_id, state) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const row of rows) {
      const doc = { ...searchDocumentOfRow(row), phone: [row.phone, row.secondary_phone].filter((p) => p !== '').flatMap(suffixes).join(' ') };
      insert.run(row.seq, doc.name, doc.email, doc.phone, doc.code, doc.tax_id, doc.state);
    }
    // Phone terms longer than a run: every suffix of four digits or more before, three heads a number after.
    const longPhoneTerms = (db: Database.Database) => {
      db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.phone_terms USING fts5vocab(main, customer_search, 'instance')");
      return db.prepare("SELECT count(*) FROM temp.phone_terms WHERE col = 'phone' AND length(term) > 3").pluck().get() as number;
    };
    expect(longPhoneTerms(older)).toBe(83);
    older.close();

    const { core: upgraded } = makeCore('2026-11-21T09:00:00.000Z', { dataDir: dir, reminderScanMs: 0 });
    expect(upgraded.migration).toMatchObject({ from: 20, to: MIGRATIONS.at(-1)!.version });
    expect(longPhoneTerms(upgraded.context.sql.db)).toBe(3 * 10);
    await expectScannedAnswers(upgraded, fragments());
  });
});
