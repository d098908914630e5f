// The item catalog: list, search as you type, add, edit, archive, import and export.
import { z } from 'zod';
import type { CatalogEntry } from '../drafting/catalog';
import { ITEM_SORTS, itemInputSchema, type Item, type ItemListPage } from '../domain/item';
import type { CurrencyCode } from '../money';
import { importCommitSchema, importFileSchema, type ImportPreviewBase, type ImportResultBase } from '../domain/imports';
import { idSchema, page } from './common';
import { output } from './output';

export const itemQuerySchema = z.object({
  /** Matches the start of any word of the name, or the code. */
  search: z.string().max(200).default(''),
  includeArchived: z.boolean().default(false),
  sort: z.enum(ITEM_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

/** An existing item a row of the file matches, by its code or its name. */
export interface ItemImportDuplicate {
  line: number;
  name: string;
  matchedOn: 'code' | 'name';
  existing: { id: string; code: string; name: string };
}

export interface ItemImportPreview extends ImportPreviewBase {
  duplicates: ItemImportDuplicate[];
  sample: { line: number; name: string; code: string; unit: string; price: string; tax: string }[];
}

export const itemChannels = {
  'items.list': { input: itemQuerySchema.extend(page), output: output<ItemListPage>() },
  'items.get': { input: z.object({ id: idSchema }), output: output<Item>() },
  'items.create': { input: itemInputSchema, output: output<Item>() },
  'items.update': {
    input: z.object({
      id: idSchema,
      /** The version the person edited, so a stale form cannot overwrite newer data. */
      version: z.number().int().min(1),
      item: itemInputSchema,
    }),
    output: output<Item>(),
  },
  'items.archive': { input: z.object({ id: idSchema }), output: output<Item>() },
  'items.restore': { input: z.object({ id: idSchema }), output: output<Item>() },
  /** The picker: live items whose name words or code start with what was typed, best first. */
  'items.search': {
    input: z.object({ query: z.string().max(200).default(''), limit: z.number().int().min(1).max(50).default(8) }),
    output: output<Item[]>(),
  },
  /** The catalog items a sentence may name, for the offline parser in the page and the AI prompt. */
  'items.forSentence': { input: z.object({ sentence: z.string().max(4000) }), output: output<CatalogEntry[]>() },
  'items.import.preview': { input: importFileSchema, output: output<ItemImportPreview>() },
  'items.import.commit': { input: importCommitSchema, output: output<ImportResultBase & { updated: number; skipped: number }>() },
  /** What a new item starts from: the business's own currency, which catalog prices are in. */
  'items.defaults': { input: z.object({}).default({}), output: output<{ currency: CurrencyCode }>() },
  'items.export': {
    input: itemQuerySchema.default({ search: '', includeArchived: false, sort: 'name', direction: 'asc' }),
    output: output<{ fileName: string; csvText: string; rows: number }>(),
  },
} as const;
