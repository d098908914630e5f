import { describe, expect, it } from 'vitest';
import { call, makeCore } from '../helpers/core';
import { customer, draft, invoice, line } from '../helpers/billing';
import type { Core } from '../../electron/core/app';
import { contract } from '../../shared/contract';
import { countInvoiceParts, listRowsBySeq, pageInvoiceKeys } from '../../electron/core/invoices/repo';
import { searchQueries } from '../../electron/core/invoices/service';

async function books(core: Core) {
  const wanjiku = await customer(core);
  const baraka = await customer(core, { name: 'Baraka Hardware', email: 'accounts@baraka.co.ke', phone: '0733 987654', paymentTermsDays: 0 });
  // Issued on different days, due 30 days later for Wanjiku and on receipt for Baraka.
  const a = await invoice(core, wanjiku.id, { issueDate: '2026-07-01', lines: [line('Old', 1, 100_000, 0)] }); // due 07-31: 113 days late
  const b = await invoice(core, wanjiku.id, { issueDate: '2026-09-15', lines: [line('Mid', 1, 200_000, 0)] }); // due 10-15: 37 days late
  const c = await invoice(core, baraka.id, { issueDate: '2026-11-10', lines: [line('New', 1, 300_000, 0)] }); // due 11-10: 11 days late
  const d = await invoice(core, baraka.id, { issueDate: '2026-11-21', dueDate: '2026-12-05', lines: [line('Future', 1, 400_000, 0)] });
  const e = await draft(core, baraka.id, { lines: [line('Draft', 1, 50_000, 0)] });
  await call(core, 'payments.record', { customerId: baraka.id, amountMinor: 100_000, paidOn: '2026-11-21', method: 'cash', allocations: [{ invoiceId: c.id, amountMinor: 100_000 }] });
  return { wanjiku, baraka, a, b, c, d, e };
}

const numbers = async (core: Core, query: Parameters<Core['api']['invoices.list']>[0]) =>
  (await call(core, 'invoices.list', query as never)).rows.map((r) => r.number ?? 'draft');

describe('invoice list', () => {
  it('filters by status, overdue included, by customer, dates and amounts', async () => {
    const { core } = makeCore();
    const { wanjiku } = await books(core);
    // Drafts have no number yet: they come last when the newest numbers come first.
    expect(await numbers(core, { sort: 'number', direction: 'desc' })).toEqual(['INV-2026-0004', 'INV-2026-0003', 'INV-2026-0002', 'INV-2026-0001', 'draft']);
    expect(await numbers(core, { status: 'draft' })).toEqual(['draft']);
    expect(await numbers(core, { status: 'partially_paid' })).toEqual(['INV-2026-0003']);
    expect(await numbers(core, { status: 'overdue', sort: 'dueDate', direction: 'asc' })).toEqual(['INV-2026-0001', 'INV-2026-0002', 'INV-2026-0003']);
    expect(await numbers(core, { status: 'unpaid', sort: 'dueDate', direction: 'asc' })).toEqual(['INV-2026-0001', 'INV-2026-0002', 'INV-2026-0003', 'INV-2026-0004']);
    expect(await numbers(core, { customerId: wanjiku.id })).toEqual(['INV-2026-0002', 'INV-2026-0001']);
    expect(await numbers(core, { issuedFrom: '2026-09-01', issuedTo: '2026-11-10', sort: 'issueDate', direction: 'asc' })).toEqual(['INV-2026-0002', 'INV-2026-0003']);
    expect(await numbers(core, { minTotalMinor: 200_000, maxTotalMinor: 300_000, sort: 'total', direction: 'desc' })).toEqual(['INV-2026-0003', 'INV-2026-0002']);
    expect(await numbers(core, { sort: 'balance', direction: 'desc', status: 'unpaid' })).toEqual(['INV-2026-0004', 'INV-2026-0003', 'INV-2026-0002', 'INV-2026-0001']);
    const overdue = (await call(core, 'invoices.list', { status: 'overdue', sort: 'dueDate', direction: 'asc' })).rows;
    expect(overdue.map((r) => r.daysOverdue)).toEqual([113, 37, 11]);
  });

  it('searches numbers and customers, and sorts by customer', async () => {
    const { core } = makeCore();
    await books(core);
    expect(await numbers(core, { search: 'INV-2026-0003' })).toEqual(['INV-2026-0003']);
    expect(await numbers(core, { search: '4' })).toEqual(['INV-2026-0004']);
    expect(await numbers(core, { search: 'barak', sort: 'number', direction: 'desc' })).toEqual(['INV-2026-0004', 'INV-2026-0003', 'draft']);
    expect(await numbers(core, { search: 'nobody' })).toEqual([]);
    const byCustomer = (await call(core, 'invoices.list', { sort: 'customer', direction: 'asc' })).rows.map((r) => r.customerName);
    expect(byCustomer).toEqual(['Baraka Hardware', 'Baraka Hardware', 'Baraka Hardware', 'Wanjiku Traders', 'Wanjiku Traders']);
  });

  it('sorts by customer name in both directions and pages alike, archived customers included, whether it walks customers or sorts invoices', async () => {
    const { core } = makeCore();
    // Names that differ only in case sort together (NOCASE); two customers of the same name keep their order of creation.
    const names = ['mwangi stores', 'Akinyi Grocers', 'Zawadi Salon', 'Mwangi Stores', 'baraka hardware', 'Chebet Farm', 'Otieno & Sons', 'Akinyi Grocers'];
    const people = [];
    for (const [n, name] of names.entries()) people.push(await customer(core, { name, email: `c${n}@example.co.ke`, phone: '' }));
    const made: { id: string; customer: number; issueDate: string; seq: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const who = (i * 5) % people.length;
      const issueDate = `2026-${String(7 + (i % 4)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
      const made1 = i % 9 === 0 ? await draft(core, people[who]!.id, { issueDate }) : await invoice(core, people[who]!.id, { issueDate, lines: [line('Work', 1, 10_000 + i, 0)] });
      made.push({ id: made1.id, customer: who, issueDate, seq: i });
    }
    await call(core, 'customers.archive', { id: people[2]!.id });
    const expected = (direction: 'asc' | 'desc', keep: (m: (typeof made)[number]) => boolean) => {
      const sign = direction === 'asc' ? 1 : -1;
      // SQLite's NOCASE: ASCII letters folded, then compared byte by byte.
      const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
      return made.filter(keep).sort((a, b) => sign * (
        byName(names[a.customer]!, names[b.customer]!) || a.customer - b.customer || (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0) || a.seq - b.seq
      )).map((m) => m.id);
    };
    const paged = async (query: Record<string, unknown>, size: number) => {
      const ids: string[] = [];
      for (let offset = 0; ; offset += size) {
        const page = await call(core, 'invoices.list', { ...query, sort: 'customer', offset, limit: size } as never);
        ids.push(...page.rows.map((r) => r.id));
        if (offset + size >= page.total) return ids;
      }
    };
    for (const direction of ['asc', 'desc'] as const) {
      for (const size of [3, 7, 100]) {
        // All 40 over 8 customers: the customers are walked in name order.
        expect(await paged({ direction }, size)).toEqual(expected(direction, () => true));
        // One customer's 5: few matches, sorted.
        expect(await paged({ direction, customerId: people[3]!.id }, size)).toEqual(expected(direction, (m) => m.customer === 3));
        expect(await paged({ direction, status: 'draft' }, size)).toEqual(expected(direction, (m) => m.seq % 9 === 0));
        expect(await paged({ direction, status: 'open' }, size)).toEqual(expected(direction, (m) => m.seq % 9 !== 0));
      }
    }
  });

  it('pages a search alike whether it walks the sort\'s index testing each invoice or sorts the matches', async () => {
    const { core } = makeCore();
    const names = ['Kamau Traders', 'Kamau Motors', 'Otieno Foods', 'kamau & sons', 'Akinyi Grocers', 'Njeri Kamau Salon'];
    const people = [];
    for (const [n, name] of names.entries()) people.push(await customer(core, { name, email: `c${n}@example.co.ke`, phone: '' }));
    const made: { id: string; customer: number; issueDate: string; total: number; number: string | null; seq: number }[] = [];
    for (let i = 0; i < 48; i++) {
      const who = (i * 5) % people.length;
      // Repeated dates and totals, so the ties fall to the order of creation.
      const issueDate = `2026-${String(7 + (i % 3)).padStart(2, '0')}-${String(1 + ((i * 7) % 9)).padStart(2, '0')}`;
      const content = { issueDate, lines: [line('Work', 1, 10_000 + ((i * 37) % 5) * 1_000, 0)] };
      const doc = i % 7 === 0 ? await draft(core, people[who]!.id, content) : await invoice(core, people[who]!.id, content);
      made.push({ id: doc.id, customer: who, issueDate, total: doc.totals.totalMinor, number: doc.number, seq: i });
    }
    const sql = core.context.sql;
    const byNumber = made.find((m) => m.customer === 2 && m.number !== null)!.number!;
    // "kamau" matches four customers by name; an Otieno invoice's number matches too when searched.
    const searches: [string, (m: (typeof made)[number]) => boolean][] = [
      ['kamau', (m) => [0, 1, 3, 5].includes(m.customer)],
      ['ka', (m) => [0, 1, 3, 5].includes(m.customer)],
      [byNumber, (m) => m.number === byNumber],
    ];
    type Made = (typeof made)[number];
    const column = { issueDate: (m: Made) => m.issueDate, total: (m: Made) => m.total, number: (m: Made) => m.number } as const;
    // Sorted by customer: the name as SQLite's NOCASE compares it, then the customer, the issue date and the invoice.
    const byCustomer = (a: Made, b: Made) => {
      const [x, y] = [names[a.customer]!.toLowerCase(), names[b.customer]!.toLowerCase()];
      return (x < y ? -1 : x > y ? 1 : 0) || a.customer - b.customer || (a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0) || a.seq - b.seq;
    };
    // The list's other filters narrow a search the same way on every path.
    const filters: [Record<string, string>, (m: Made) => boolean][] = [
      [{}, () => true],
      [{ status: 'open' }, (m) => m.number !== null],
      [{ status: 'draft' }, (m) => m.number === null],
      [{ issuedFrom: '2026-08-01' }, (m) => m.issueDate >= '2026-08-01'],
    ];
    for (const [text, matches] of searches) for (const [filter, passes] of filters) {
      const keep = (m: Made) => matches(m) && passes(m);
      if (!made.some(keep)) continue;
      for (const sort of ['issueDate', 'total', 'number', 'customer'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          const sign = direction === 'asc' ? 1 : -1;
          // SQLite puts NULL (a draft's number) first going up and last going down.
          const compare = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
          const order = (a: Made, b: Made) => sign * (sort === 'customer' ? byCustomer(a, b) : compare(column[sort](a), column[sort](b)) || a.seq - b.seq);
          const want = made.filter(keep).sort(order).map((m) => m.id);
          expect(want.length).toBeGreaterThan(0);
          const query = contract['invoices.list'].input.parse({ ...filter, search: text, sort, direction });
          const search = searchQueries(text);
          if (!search) throw new Error('a search');
          // Counted in two parts: the Otieno invoice found by its number is the part matched by number alone.
          const parts = countInvoiceParts(sql, query, '2026-11-21', search);
          expect(parts).toEqual({ total: want.length, byNumberAlone: text === byNumber ? 1 : 0 });
          for (const [offset, limit] of [[0, 100], [0, 5], [3, 4], [Math.max(0, want.length - 2), 10]] as const) {
            const ids = (seqs: number[]) => seqs.map((seq) => made[seq - 1]!.id);
            // A total of 0 sorts the matches; an unbounded one walks the sort's index (or the customers in name order).
            expect(ids(pageInvoiceKeys(sql, query, '2026-11-21', search, offset, limit, 0, parts.byNumberAlone))).toEqual(want.slice(offset, offset + limit));
            expect(ids(pageInvoiceKeys(sql, query, '2026-11-21', search, offset, limit, Infinity, parts.byNumberAlone))).toEqual(want.slice(offset, offset + limit));
            const page = await call(core, 'invoices.list', { ...filter, search: text, sort, direction, offset, limit } as never);
            expect(page.rows.map((r) => r.id)).toEqual(want.slice(offset, offset + limit));
            expect(page.total).toBe(want.length);
          }
        }
      }
    }
  });

  it('reads a search of customers by issue date from those customers\' own invoices: no invoice row read, every page in order', async () => {
    const { core } = makeCore();
    const people = [];
    for (const [n, name] of ['Kamau Traders', 'Otieno Foods', 'Kamau Motors'].entries()) people.push(await customer(core, { name, email: `c${n}@example.co.ke`, phone: '' }));
    const made: { id: string; issueDate: string; kamau: boolean; seq: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const who = i % 3;
      // Days repeat across customers, so ties fall to the order the invoices were made.
      const issueDate = `2026-0${7 + (i % 3)}-${String(1 + ((i * 7) % 5)).padStart(2, '0')}`;
      const doc = await invoice(core, people[who]!.id, { issueDate, lines: [line('Work', 1, 10_000, 0)] });
      made.push({ id: doc.id, issueDate, kamau: who !== 1, seq: i });
    }
    const sql = core.context.sql;
    const search = searchQueries('kamau');
    if (!search) throw new Error('a search');
    for (const direction of ['asc', 'desc'] as const) {
      const sign = direction === 'asc' ? 1 : -1;
      const want = made.filter((m) => m.kamau).sort((a, b) => sign * ((a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0) || a.seq - b.seq)).map((m) => m.id);
      const query = contract['invoices.list'].input.parse({ search: 'kamau', sort: 'issueDate', direction });
      const parts = countInvoiceParts(sql, query, '2026-11-21', search);
      expect(parts).toEqual({ total: 20, byNumberAlone: 0 });
      for (let offset = 0; offset < 22; offset += 5) {
        const page = await call(core, 'invoices.list', { search: 'kamau', sort: 'issueDate', direction, offset, limit: 5 });
        expect(page.rows.map((r) => r.id)).toEqual(want.slice(offset, offset + 5));
      }
      // The first page's keys: 20 matches of 30 invoices would walk the issue-date index reading
      // every invoice's row to test its customer; the customers' own index holds the sort's columns.
      const read: string[] = [];
      const watched = {
        ...sql,
        prepare: (source: string) => (read.push(source), sql.prepare(source)),
        all: <R>(q: { compile(): { sql: string } }) => (read.push(q.compile().sql), sql.all(q as never) as R[]),
      };
      pageInvoiceKeys(watched, query, '2026-11-21', search, 0, 5, parts.total, parts.byNumberAlone);
      const pages = read.filter((source) => /customer_search/.test(source));
      expect(pages).toHaveLength(1);
      const named = Object.fromEntries((pages[0]!.match(/@\w+/g) ?? []).map((name) => [name.slice(1), null]));
      const bound = pages[0]!.includes('@') ? [named] : Array((pages[0]!.match(/\?/g) ?? []).length).fill(null);
      const plan = (sql.db.prepare(`EXPLAIN QUERY PLAN ${pages[0]!}`).all(...bound) as { detail: string }[]).map((r) => r.detail).join(' | ');
      expect(plan).toContain('invoices_by_customer_issue');
      expect(plan).not.toMatch(/invoices_by_issue|(SEARCH|SCAN) [im] USING INTEGER PRIMARY KEY/);
    }
  });

  it('walks a search of many customers testing each invoice\'s customer by its key, not listing every matching customer first: every page in order', async () => {
    const { core } = makeCore();
    const people = [];
    for (let n = 0; n < 7; n++) people.push(await customer(core, { name: n === 6 ? 'Otieno Foods' : `Kamau Traders ${n}`, email: `c${n}@example.co.ke`, phone: '' }));
    const made: { id: string; total: number; kamau: boolean; seq: number }[] = [];
    for (let i = 0; i < 35; i++) {
      const doc = await invoice(core, people[i % 7]!.id, { issueDate: '2026-10-01', lines: [line('Work', 1, 10_000 + ((i * 3) % 4) * 1_000, 0)] });
      made.push({ id: doc.id, total: doc.totals.totalMinor, kamau: i % 7 !== 6, seq: i });
    }
    const sql = core.context.sql;
    const search = searchQueries('kamau');
    if (!search) throw new Error('a search');
    const query = contract['invoices.list'].input.parse({ search: 'kamau', sort: 'total', direction: 'desc' });
    const parts = countInvoiceParts(sql, query, '2026-11-21', search);
    expect(parts).toEqual({ total: 30, byNumberAlone: 0 });
    const want = made.filter((m) => m.kamau).sort((a, b) => b.total - a.total || b.seq - a.seq).map((m) => m.id);
    // Six customers match: a walk of about 35 × 2 / 30 invoices looks fewer up than six customers listed.
    for (let offset = 0; offset < 32; offset += 2) {
      expect(pageInvoiceKeys(sql, query, '2026-11-21', search, offset, 2, parts.total, 0, 6).map((seq) => made[seq - 1]!.id)).toEqual(want.slice(offset, offset + 2));
      const page = await call(core, 'invoices.list', { search: 'kamau', sort: 'total', direction: 'desc', offset, limit: 2 });
      expect(page.rows.map((r) => r.id)).toEqual(want.slice(offset, offset + 2));
    }
    const read: string[] = [];
    const watched = { ...sql, all: <R>(q: { compile(): { sql: string } }) => (read.push(q.compile().sql), sql.all(q as never) as R[]) };
    pageInvoiceKeys(watched, query, '2026-11-21', search, 0, 2, parts.total, 0, 6);
    expect(read).toHaveLength(1);
    const plan = (sql.db.prepare(`EXPLAIN QUERY PLAN ${read[0]!}`).all(...Array((read[0]!.match(/\?/g) ?? []).length).fill(null)) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toContain('SCAN i USING INDEX invoices_by_total');
    // Each walked invoice's customer is tested by the seq the invoice carries (migration 26): no customer is read.
    expect(plan).not.toMatch(/sqlite_autoindex_customers_1|SEARCH c USING/);
  });

  it('reads the rows of any number of keys, in the keys\' order, with one statement whatever the page size', async () => {
    const { core } = makeCore();
    const { a, b, c, d, e } = await books(core);
    const sql = core.context.sql;
    const seqOf = (id: string) => sql.prepare('SELECT seq FROM invoices WHERE id = ?').pluck().get(id) as number;
    const [sa, sb, sc, sd, se] = [a, b, c, d, e].map((x) => seqOf(x.id)) as [number, number, number, number, number];
    expect(listRowsBySeq(sql, [sd, sa, se, sc]).map((r) => [r.id, r.customer_name])).toEqual([
      [d.id, 'Baraka Hardware'], [a.id, 'Wanjiku Traders'], [e.id, 'Baraka Hardware'], [c.id, 'Baraka Hardware'],
    ]);
    const statements = sql.statementCount();
    for (const size of [1, 2, 3, 5]) expect(listRowsBySeq(sql, [sb, sa, sc, sd, se].slice(0, size)).map((r) => r.seq)).toEqual([sb, sa, sc, sd, se].slice(0, size));
    expect(sql.statementCount()).toBe(statements);
    // Keys the books do not hold are left out, however many (past SQLite's limit of bound values).
    const many = Array.from({ length: 40_000 }, (_, i) => 1_000_000 + i);
    expect(listRowsBySeq(sql, [...many, sb]).map((r) => r.id)).toEqual([b.id]);
  });

  it('pages through without repeating or skipping a row', async () => {
    const { core } = makeCore();
    await books(core);
    const seen: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = await call(core, 'invoices.list', { sort: 'issueDate', direction: 'desc', offset, limit: 2 });
      expect(page.total).toBe(5);
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(new Set(seen).size).toBe(5);
  });

  it('lists unpaid and overdue invoices by due or issue date from the unpaid invoices\' indexes: every page in order, ties by when they were made', async () => {
    const { core } = makeCore();
    const wanjiku = await customer(core);
    const baraka = await customer(core, { name: 'Baraka Hardware', email: 'accounts@baraka.co.ke', phone: '0733 987654' });
    // Due dates repeat, fall before and after today (2026-11-21); some invoices are paid in full or in part.
    const dues = ['2026-10-01', '2026-11-20', '2026-10-01', '2026-12-31', '2026-11-20', '2026-09-05', '2026-11-21', '2026-10-01', '2026-12-01', '2026-09-05'];
    for (let i = 0; i < 20; i++) {
      const who = i % 3 ? wanjiku : baraka;
      const issued = await invoice(core, who.id, { issueDate: `2026-08-${10 + (i % 7)}`, dueDate: dues[i % dues.length], lines: [line(`Line ${i}`, 1, 10_000 + i * 100, 0)] });
      if (i % 4 === 1 || i % 5 === 2) {
        const amountMinor = i % 4 === 1 ? issued.totals.totalMinor : 5_000;
        await call(core, 'payments.record', { customerId: who.id, amountMinor, paidOn: '2026-11-21', method: 'cash', allocations: [{ invoiceId: issued.id, amountMinor }] });
      }
    }
    await draft(core, baraka.id, { issueDate: '2026-09-01', dueDate: '2026-09-05', lines: [line('Draft', 1, 50_000, 0)] });
    const all = (await call(core, 'invoices.list', { limit: 100 })).rows;
    const unpaidRows = all.filter((r) => r.status === 'open' || r.status === 'partially_paid');
    const made = (n: string | null) => Number(n?.slice(-4));
    const dateOf = (row: (typeof all)[number], sort: 'dueDate' | 'issueDate') => (sort === 'dueDate' ? row.dueDate : row.issueDate);
    const cases = (['unpaid', 'overdue'] as const).flatMap((st) => (['dueDate', 'issueDate'] as const).flatMap((so) => (['asc', 'desc'] as const).map((d) => [st, so, d] as const)));
    for (const [status, sort, direction] of cases) {
      const wanted = unpaidRows.filter((r) => status === 'unpaid' || r.dueDate < '2026-11-21')
        .sort((a, b) => (dateOf(a, sort) < dateOf(b, sort) ? -1 : dateOf(a, sort) > dateOf(b, sort) ? 1 : made(a.number) - made(b.number)) * (direction === 'asc' ? 1 : -1))
        .map((r) => r.number);
      expect(wanted.length).toBeGreaterThan(5);
      const paged: (string | null)[] = [];
      for (let offset = 0; offset < wanted.length; offset += 3) {
        const page = await call(core, 'invoices.list', { status, sort, direction, offset, limit: 3 });
        expect(page.total).toBe(wanted.length);
        paged.push(...page.rows.map((r) => r.number));
      }
      expect(paged, `${status} by ${sort} ${direction}`).toEqual(wanted);
      // Read in the sort's order from the unpaid invoices' index: no sort of every unpaid invoice.
      const prepared: string[] = [];
      const sql = core.context.sql;
      const query = contract['invoices.list'].input.parse({ status, sort, direction, limit: 3 });
      pageInvoiceKeys({ ...sql, prepare: (source: string) => (prepared.push(source), sql.prepare(source)) }, query, '2026-11-21', null, 0, 3);
      const plans = prepared.map((source) => (sql.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...Array((source.match(/\?/g) ?? []).length).fill(null)) as { detail: string }[]).map((r) => r.detail).join(' | '));
      const index = sort === 'dueDate' ? 'invoices_unpaid_by_due' : 'invoices_unpaid_by_issue';
      expect(plans.some((plan) => plan.includes(index) && !plan.includes('TEMP B-TREE FOR ORDER BY')), plans.join('\n')).toBe(true);
    }
  });

  it('ages receivables by days past due, per currency', async () => {
    const { core } = makeCore();
    const { wanjiku } = await books(core);
    const usd = await customer(core, { name: 'Acme Inc', email: 'ap@acme.com', phone: '', currency: 'USD', paymentTermsDays: 60 });
    await invoice(core, usd.id, { issueDate: '2026-08-01', lines: [line('Consulting', 1, 50_000, 0)] }); // due 09-30: 52 days late
    expect(await call(core, 'invoices.aging', {})).toEqual([
      { currency: 'KES', currentMinor: 400_000, days1to30Minor: 200_000, days31to60Minor: 200_000, days61to90Minor: 0, days90plusMinor: 100_000, totalMinor: 900_000, invoiceCount: 4 },
      { currency: 'USD', currentMinor: 0, days1to30Minor: 0, days31to60Minor: 50_000, days61to90Minor: 0, days90plusMinor: 0, totalMinor: 50_000, invoiceCount: 1 },
    ]);
    expect((await call(core, 'invoices.aging', { customerId: wanjiku.id }))[0]).toMatchObject({ days31to60Minor: 200_000, days90plusMinor: 100_000, totalMinor: 300_000 });
  });
});
