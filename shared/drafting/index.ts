// The offline sentence-to-invoice parser: what the rest of the app may use.
export { parseInvoicePrompt, MAX_PROMPT_CHARS } from './parse';
export type { ParseOptions, ParsedLine, ParsedPrompt } from './types';
export { buildCatalogIndex, catalogWords, type CatalogEntry, type CatalogIndex, type CatalogMatch } from './catalog';
