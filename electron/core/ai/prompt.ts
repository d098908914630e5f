// The prompt plan from the product brief: who the customer is, what they were billed before,
// the tax rules, and the person's sentence — and the JSON shape the answer must take.
import { Type, type Schema } from '@google/genai';
import { formatMoney, type CurrencyCode } from '../../../shared/money';
import type { PastInvoice } from '../drafting/history';
import type { CatalogEntry } from '../../../shared/drafting/catalog';
import { taxRateLabel } from '../../../shared/totals';

export interface PromptCustomer {
  name: string;
  businessType: string;
  paymentTermsDays: number;
  currency: CurrencyCode;
  language: string;
  /** The business is registered for VAT; when not, no line carries VAT. */
  vatRegistered: boolean;
  /** The rate lines take when the sentence names none (basis points); null: exempt. */
  defaultTaxRateBp: number | null;
  /** This customer's prices are quoted with VAT included. */
  pricesIncludeTax: boolean;
}

export const INVOICE_REPLY_SCHEMA: Schema = {
  type: Type.OBJECT,
  properties: {
    items: {
      type: Type.ARRAY,
      items: {
        type: Type.OBJECT,
        properties: {
          description: { type: Type.STRING, description: 'What is billed, as printed on the invoice' },
          quantity: { type: Type.NUMBER, description: 'How many units; 1 when the sentence gives a lump sum' },
          unit: { type: Type.STRING, description: 'e.g. hours, months, pieces; empty when none' },
          unitPrice: { type: Type.NUMBER, description: 'Price of one unit in major currency units, e.g. 15000 for KES 15,000' },
          amount: { type: Type.NUMBER, description: 'quantity × unitPrice' },
          taxRatePercent: { type: Type.NUMBER, nullable: true, description: 'VAT percent for this line (16, 8, 0) or null when exempt' },
        },
        required: ['description', 'quantity', 'unit', 'unitPrice', 'amount', 'taxRatePercent'],
        propertyOrdering: ['description', 'quantity', 'unit', 'unitPrice', 'amount', 'taxRatePercent'],
      },
    },
    pricesIncludeTax: { type: Type.BOOLEAN, description: 'Whether the prices already include VAT: as the sentence says, else as the customer\'s prices are quoted' },
    discount: {
      type: Type.OBJECT,
      properties: {
        kind: { type: Type.STRING, enum: ['none', 'percent', 'amount'] },
        value: { type: Type.NUMBER, description: 'Percent (10 for 10%) or an amount in major units; 0 when none' },
      },
      required: ['kind', 'value'],
    },
    dueDate: { type: Type.STRING, description: 'YYYY-MM-DD when the sentence gives a due date, else empty' },
    notes: { type: Type.STRING, description: 'A short note for the invoice, e.g. the service period; empty when none' },
    subtotal: { type: Type.NUMBER },
    tax: { type: Type.NUMBER },
    total: { type: Type.NUMBER },
    confidence: { type: Type.NUMBER, description: '0 to 1: how sure you are that this is what the person meant' },
    missing: { type: Type.ARRAY, items: { type: Type.STRING }, description: 'Information the sentence lacks, e.g. "price of the logo"' },
  },
  required: ['items', 'pricesIncludeTax', 'discount', 'dueDate', 'notes', 'subtotal', 'tax', 'total', 'confidence', 'missing'],
  propertyOrdering: ['items', 'pricesIncludeTax', 'discount', 'dueDate', 'notes', 'subtotal', 'tax', 'total', 'confidence', 'missing'],
};

export const SYSTEM_INSTRUCTION = [
  'You draft invoices for a small business\'s billing app. Read the person\'s sentence and return the invoice lines as JSON.',
  'Never invent a price or a quantity the sentence does not give: use 0 for an unknown price and name it in "missing".',
  'Amounts are numbers in major currency units (15000 means 15,000.00). amount must equal quantity × unitPrice.',
  'Keep descriptions short and as a customer would read them on an invoice.',
].join(' ');

function historySummary(history: PastInvoice[]): string {
  if (history.length === 0) return '- No earlier invoices: this is a new customer.';
  return history
    .map((invoice) => {
      const items = invoice.lines
        .slice(0, 6)
        .map((l) => `${l.description} × ${l.quantityMilli / 1000}${l.unit ? ` ${l.unit}` : ''} at ${formatMoney(l.unitPriceMinor, invoice.currency as CurrencyCode)}`)
        .join('; ');
      return `- ${invoice.issueDate} ${invoice.number}: ${items} (total ${formatMoney(invoice.totalMinor, invoice.currency as CurrencyCode)})`;
    })
    .join('\n');
}

function catalogSummary(catalog: readonly CatalogEntry[]): string {
  if (catalog.length === 0) return '- No catalog items match the sentence.';
  return catalog
    .map((e) => {
      const price = e.priceMinor === null ? 'no set price' : `${formatMoney(e.priceMinor, e.currency)} ${e.unit ? `per ${e.unit}` : 'each'}`;
      return `- ${e.name}${e.code ? ` [code ${e.code}]` : ''}: ${price}, VAT ${taxRateLabel(e.taxRateBp)}`;
    })
    .join('\n');
}

function taxRules(customer: PromptCustomer): string[] {
  if (!customer.vatRegistered) {
    return ['- The business is not registered for VAT: every line has taxRatePercent null and pricesIncludeTax is false, whatever the sentence says.'];
  }
  const rate = customer.defaultTaxRateBp === null ? 'exempt (taxRatePercent null)' : `${customer.defaultTaxRateBp / 100}%`;
  return [
    `- Standard VAT is 16%; a line the sentence gives no rate for is ${rate}.`,
    '- 8% applies to petroleum products; 0% to zero-rated supplies (exports); some supplies are exempt (taxRatePercent null).',
    customer.pricesIncludeTax
      ? '- This customer\'s prices include VAT: pricesIncludeTax is true unless the sentence says VAT is added on top.'
      : '- Prices exclude VAT unless the sentence says they include it. Show tax separately.',
  ];
}

export function buildInvoicePrompt(customer: PromptCustomer, history: PastInvoice[], sentence: string, today: string, catalog: readonly CatalogEntry[] = []): string {
  return [
    'CUSTOMER',
    `- Name: ${customer.name}`,
    `- Business type: ${customer.businessType || 'not recorded'}`,
    `- Payment terms: Net ${customer.paymentTermsDays} days`,
    `- Currency: ${customer.currency} (bill only in this currency)`,
    `- Language for descriptions: ${customer.language || 'en'}`,
    '',
    'RECENT INVOICES',
    historySummary(history),
    '',
    'CATALOG (the business\'s own items that the sentence may name: use the item\'s name, unit, price and VAT rate when the sentence gives no price; a price in the sentence wins)',
    catalogSummary(catalog),
    '',
    'TAX RULES (Kenya)',
    ...taxRules(customer),
    '',
    `TODAY: ${today}`,
    '',
    'SENTENCE',
    `"""${sentence}"""`,
  ].join('\n');
}
