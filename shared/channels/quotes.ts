// Quotes and pro-forma invoices: draft, issue, decide, convert, list, print.
import { z } from 'zod';
import { draftContentSchema } from '../domain/invoice';
import { QUOTE_STATUSES, quoteDecisionSchema, quoteIssueSchema, type Quote, type QuoteListPage } from '../domain/quote';
import type { Invoice } from '../domain/invoice';
import { oneLine } from '../text';
import { phoneSchema, SEND_CHANNELS } from '../domain/sending';
import { idSchema, page } from './common';
import { output } from './output';

export const quoteChannels = {
  /** A quote draft: the same content as an invoice draft; edited with drafts.update. */
  'quotes.create': { input: z.object({ draft: draftContentSchema }), output: output<Invoice>() },
  /** Issues a draft as a numbered quote (it is then sent, and never changes). */
  'quotes.issue': { input: quoteIssueSchema, output: output<Quote>() },
  'quotes.decide': { input: quoteDecisionSchema, output: output<Quote>() },
  /** Makes the quote's invoice in one step (finalized, today), once. */
  'quotes.convert': { input: z.object({ id: idSchema }), output: output<{ quote: Quote; invoice: Invoice }>() },
  'quotes.get': { input: z.object({ id: idSchema }), output: output<Quote>() },
  'quotes.list': {
    input: z.object({
      status: z.enum(['all', ...QUOTE_STATUSES]).default('all'),
      customerId: idSchema.optional(),
      search: oneLine(z.string().trim().max(100)).default(''),
      ...page,
    }),
    output: output<QuoteListPage>(),
  },
  /** Sends an issued quote by email (the PDF attached) and/or SMS, as an invoice is sent. */
  'quotes.send': {
    input: z.object({
      id: idSchema,
      requestId: z.uuid(),
      channels: z.array(z.enum(SEND_CHANNELS)).min(1, 'Choose email, SMS or both').max(2),
      emails: z.array(z.email({ error: 'That is not an email address' })).max(10).default([]),
      phones: z.array(phoneSchema).max(10).default([]),
    }).superRefine((r, ctx) => {
      if (r.channels.includes('email') && r.emails.length === 0) ctx.addIssue({ code: 'custom', path: ['emails'], message: 'Add at least one email address' });
      if (r.channels.includes('sms') && r.phones.length === 0) ctx.addIssue({ code: 'custom', path: ['phones'], message: 'Add at least one phone number' });
    }),
    output: output<{ queued: number }>(),
  },
  'quotes.pdf': { input: z.object({ id: idSchema }), output: output<{ fileName: string; base64: string; pages: number; bytes: number }>() },
} as const;
