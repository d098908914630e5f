// Invisible characters must not reach an email, a PDF or an SMS: a line break in a one-line field can
// forge email lines, NUL truncates, and bidi overrides make text read differently than it is stored.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../shared/contract';
import { customerInputSchema } from '../../shared/domain/customer';
import { draftContentSchema } from '../../shared/domain/invoice';
import { paymentInputSchema } from '../../shared/domain/payment';
import { sendRequestSchema } from '../../shared/domain/sending';
import { businessProfileSchema, emailSettingsSchema, paymentInstructionsSchema, smsSettingsSchema } from '../../shared/domain/settings';

const ID = '01890a5d-ac96-774b-bcce-b302099a8057';

/** Characters no field may hold, with what the person is told. */
const NEVER = [
  ['NUL', 'Acme\u0000Ltd', /control character/],
  ['bell', 'Acme\u0007Ltd', /control character/],
  ['escape', 'Acme\u001b[31mLtd', /control character/],
  ['DEL', 'Acme\u007fLtd', /control character/],
  ['C1 (NEL)', 'Acme\u0085Ltd', /control character|line break/i],
  ['C1 (CSI)', 'Acme\u009bLtd', /control character/],
  ['right-to-left override', 'Acme \u202Edtl\u202C Ltd', /text-direction/],
  ['left-to-right embedding', 'Acme \u202ALtd', /text-direction/],
  ['right-to-left isolate', 'Acme \u2067Ltd\u2069', /text-direction/],
  ['first-strong isolate', 'Acme \u2068Ltd', /text-direction/],
] as const;
/** Characters only a one-line field refuses. */
const NOT_ON_ONE_LINE = [
  ['line feed', 'Acme\nBcc: victim@example.com', /line break/i],
  ['carriage return', 'Acme\r\nLtd', /line break/i],
  ['line separator', 'Acme\u2028Ltd', /line break/i],
  ['tab', 'Acme\tLtd', /tab/i],
] as const;

interface Case {
  field: string;
  parse: (value: string) => z.ZodSafeParseResult<unknown>;
  path: string;
  multiLine: boolean;
  /** Ordinary text the field takes (default: words in two scripts with a direction mark). */
  ordinary?: string;
}

const customer = (patch: Record<string, unknown>) => customerInputSchema.safeParse({ name: 'Acme Ltd', ...patch });
const draft = (patch: Record<string, unknown>, line: Record<string, unknown> = {}) =>
  draftContentSchema.safeParse({ customerId: ID, issueDate: '2026-11-02', lines: [{ description: 'Goods', quantityMilli: 1000, unitPriceMinor: 100, ...line }], ...patch });
const payment = (patch: Record<string, unknown>) =>
  paymentInputSchema.safeParse({ customerId: ID, amountMinor: 100, paidOn: '2026-11-02', method: 'bank', ...patch });

const CASES: Case[] = [
  { field: 'customer name', parse: (v) => customer({ name: v }), path: 'name', multiLine: false },
  { field: 'customer phone', parse: (v) => customer({ phone: v }), path: 'phone', multiLine: false, ordinary: '0722 123456' },
  { field: 'customer tax ID', parse: (v) => customer({ taxId: v }), path: 'taxId', multiLine: false, ordinary: 'P051234567X' },
  { field: 'customer business type', parse: (v) => customer({ businessType: v }), path: 'businessType', multiLine: false },
  { field: 'customer street', parse: (v) => customer({ address: { street: v, city: '', postalCode: '', country: 'KE' } }), path: 'address.street', multiLine: false },
  { field: 'customer city', parse: (v) => customer({ address: { street: '', city: v, postalCode: '', country: 'KE' } }), path: 'address.city', multiLine: false },
  { field: 'customer tag', parse: (v) => customer({ tags: [v] }), path: 'tags.0', multiLine: false },
  { field: 'customer notes', parse: (v) => customer({ notes: v }), path: 'notes', multiLine: true },
  { field: 'business name', parse: (v) => businessProfileSchema.safeParse({ name: v }), path: 'name', multiLine: false },
  { field: 'business phone', parse: (v) => businessProfileSchema.safeParse({ phone: v }), path: 'phone', multiLine: false },
  { field: 'business street', parse: (v) => businessProfileSchema.safeParse({ street: v }), path: 'street', multiLine: false },
  { field: 'email from-name', parse: (v) => emailSettingsSchema.safeParse({ fromName: v }), path: 'fromName', multiLine: false },
  { field: 'SMTP user', parse: (v) => emailSettingsSchema.safeParse({ user: v }), path: 'user', multiLine: false },
  { field: 'SMS sender ID', parse: (v) => smsSettingsSchema.safeParse({ africastalking: { senderId: v.slice(0, 11) } }), path: 'africastalking.senderId', multiLine: false },
  { field: 'bank account name', parse: (v) => paymentInstructionsSchema.safeParse({ bank: { accountName: v } }), path: 'bank.accountName', multiLine: false },
  { field: 'payment note', parse: (v) => paymentInstructionsSchema.safeParse({ note: v }), path: 'note', multiLine: true },
  { field: 'line description', parse: (v) => draft({}, { description: v }), path: 'lines.0.description', multiLine: false },
  { field: 'line unit', parse: (v) => draft({}, { unit: v.slice(0, 20) }), path: 'lines.0.unit', multiLine: false },
  { field: 'invoice terms', parse: (v) => draft({ terms: v }), path: 'terms', multiLine: false },
  { field: 'invoice notes', parse: (v) => draft({ notes: v }), path: 'notes', multiLine: true },
  { field: 'payment reference', parse: (v) => payment({ reference: v }), path: 'reference', multiLine: false },
  { field: 'payment notes', parse: (v) => payment({ notes: v }), path: 'notes', multiLine: true },
  { field: 'void reason', parse: (v) => contract['invoices.void'].input.safeParse({ id: ID, reason: v }), path: 'reason', multiLine: true },
  { field: 'report name', parse: (v) => contract['reports.save'].input.safeParse({ name: v, definition: { rows: 'invoices' } }), path: 'name', multiLine: false },
  {
    field: 'message to the customer',
    parse: (v) => sendRequestSchema.safeParse({ invoiceId: ID, requestId: ID, channels: ['email'], emails: ['a@example.com'], customMessage: v }),
    path: 'customMessage',
    multiLine: true,
  },
];

function messageAt(result: z.ZodSafeParseResult<unknown>, path: string): string | undefined {
  return result.error?.issues.find((i) => i.path.join('.') === path)?.message;
}

describe('text fields', () => {
  for (const c of CASES) {
    it(`${c.field}: refuses control and text-direction characters${c.multiLine ? ', keeps line breaks and tabs' : ' and line breaks'}`, () => {
      for (const [what, value, message] of NEVER) expect(messageAt(c.parse(value), c.path), what).toMatch(message);
      for (const [what, value, message] of NOT_ON_ONE_LINE) {
        if (c.multiLine) expect(messageAt(c.parse(value), c.path), what).toBeUndefined();
        else expect(messageAt(c.parse(value), c.path), what).toMatch(message);
      }
      // Ordinary text in any script is fine, a left-to-right mark (U+200E) included: it reorders nothing.
      expect(c.parse(c.ordinary ?? 'Café شركة\u200E').success).toBe(true);
    });
  }
});
