// The catalog half of the bench: 10,000 items through the real import, then what a person waits
// for: the picker's search as they type, and a long sentence drafted with catalog lookups.
//   BENCH_ITEMS (10,000)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/app';
import { buildCatalogIndex, parseInvoicePrompt } from '../../shared/drafting';
import { toCatalogEntry } from '../../electron/core/items/mapping';
import { allLiveItems } from '../../electron/core/items/repo';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { latency, record, section } from './measure';

const PRODUCTS = [
  'cement', 'sand', 'ballast', 'steel bar', 'roofing sheet', 'nails', 'paint', 'timber', 'tiles', 'pipe', 'wire', 'bolt', 'hinge', 'padlock',
  'door', 'window frame', 'gutter', 'tank', 'tap', 'cable', 'switch', 'socket', 'bulb', 'gypsum board', 'primer', 'varnish', 'brush', 'roller',
  'wheelbarrow', 'spade', 'hoe', 'panga', 'glue', 'sealant', 'mesh', 'chain', 'rope', 'tarpaulin', 'bucket', 'jerrycan',
];
const BRANDS = ['Bamburi', 'Simba', 'Crown', 'Basco', 'Mabati', 'Devki', 'Kenpipe', 'Tororo', 'Sadolin', 'Duracoat', 'Kenbro', 'Plascon', 'Rhino', 'Safal', 'Athi', 'Savannah'];
const SIZES = ['12mm', '16mm', '50kg', '25kg', '4L', '20L', '1in', '2in', '3m', '6m', 'small', 'large', 'gauge 28', 'gauge 30', '100pc'];
const UNITS = ['piece', 'bag', 'tin', 'metre', 'kg', 'roll', 'sheet', 'box'];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A hardware shop's catalog, deterministic: brand + product + size, each with a code. */
function syntheticItemsCsv(count: number): { csvText: string; names: string[] } {
  const names: string[] = [];
  const rows = ['Code,Name,Unit,Price,VAT rate'];
  for (let i = 0; names.length < count; i++) {
    const product = PRODUCTS[i % PRODUCTS.length]!;
    const brand = BRANDS[Math.floor(i / PRODUCTS.length) % BRANDS.length]!;
    const size = SIZES[Math.floor(i / (PRODUCTS.length * BRANDS.length)) % SIZES.length]!;
    const round = Math.floor(i / (PRODUCTS.length * BRANDS.length * SIZES.length));
    const name = `${brand} ${capitalise(product)} ${size}${round > 0 ? ` v${round + 1}` : ''}`;
    names.push(name);
    const price = 50 + ((i * 7919) % 25_000);
    rows.push(`SKU-${String(i + 1).padStart(5, '0')},${name},${UNITS[i % UNITS.length]},${price}.00,${i % 9 === 0 ? 'Exempt' : '16%'}`);
  }
  return { csvText: rows.join('\n'), names };
}

export async function benchItems(count: number): Promise<void> {
  section(`Items: a catalog of ${count.toLocaleString('en')}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billbook-bench-'));
  const core = createCore({ dataDir, log: (m, e) => console.error(m, e) });
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const envelope = await core.api[channel](input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value as ChannelOutput<C>;
  };
  const { csvText, names } = syntheticItemsCsv(count);
  let start = performance.now();
  const preview = await call('items.import.preview', { csvText, fileName: 'items.csv' });
  const result = await call('items.import.commit', { csvText, fileName: 'items.csv', mapping: preview.mapping });
  record('import (preview + commit, one transaction)', `${((performance.now() - start) / 1000).toFixed(2)} s, ${result.created.toLocaleString('en')} items`);
  core.context.sql.db.exec('ANALYZE');

  // What a person types into the picker, letter by letter, and the codes they know.
  const typed = ['', 'c', 'ce', 'cem', 'cement', 'bamburi cem', 'p', 'pa', 'pai', 'paint 4', 'sk', 'sku-0', 'SKU-04321', 'crown', 'gauge 2', 'x', 'rope 3m', 'v2'];
  const pick = (i: number) => typed[i % typed.length]!;
  record('picker search as you type (items.search, 8 rows)', await latency((i) => call('items.search', { query: pick(i), limit: 8 }), 500));
  record('items list, first page of 100 by name', await latency(() => call('items.list', { limit: 100 }), 100));
  record('items list, search "paint" (count + page)', await latency(() => call('items.list', { search: 'paint', limit: 100 }), 100));

  // A 20-line sentence naming catalog items without prices: every line is a catalog lookup.
  const sentence = Array.from({ length: 20 }, (_, i) => `${(i % 9) + 1} ${names[(i * 487) % names.length]!.toLowerCase()}`).join('\n');
  const options = { today: '2026-11-18', currency: 'KES' as const, defaultTaxRateBp: 1600 };
  start = performance.now();
  await call('items.forSentence', { sentence: 'warm the cache' });
  record('catalog read into memory (first sentence after a change)', `${(performance.now() - start).toFixed(1)} ms`);
  record('items.forSentence: the items a 20-line sentence may name', await latency(() => call('items.forSentence', { sentence }), 200));
  const entries = await call('items.forSentence', { sentence });
  const index = buildCatalogIndex(entries);
  const parsed = parseInvoicePrompt(sentence, { ...options, catalog: index });
  record('20-line sentence: lines priced from the catalog', `${parsed.lines.filter((l) => l.priceFrom === 'catalog').length} of ${parsed.lines.length} (${entries.length} items sent)`);
  // Warmed up first: the import above leaves the JIT and the heap busy, which a person never waits on.
  for (let i = 0; i < 300; i++) parseInvoicePrompt(sentence, { ...options, catalog: index });
  record('parse a 20-line sentence without a catalog', await latency(() => parseInvoicePrompt(sentence, options), 2000));
  record('parse a 20-line sentence with catalog lookups (the sentence’s items)', await latency(() => parseInvoicePrompt(sentence, { ...options, catalog: index }), 2000));
  const full = buildCatalogIndex(allLiveItems(core.context.sql).map(toCatalogEntry));
  record(`parse a 20-line sentence with catalog lookups (all ${count.toLocaleString('en')} items)`, await latency(() => parseInvoicePrompt(sentence, { ...options, catalog: full }), 500));
  const buyer = await call('customers.create', { name: 'Bench Hardware' });
  record('drafting.generate offline, 20 lines from the catalog (saved draft)', await latency(() => call('drafting.generate', { customerId: buyer.id, prompt: sentence, refine: false }), 50));
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
