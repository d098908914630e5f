import { z } from 'zod';
import { businessDateSchema, type Invoice } from '../domain/invoice';
import type { BatchStatus, BulkDraftResult, DraftAiStatus, GenerateResult, RecurringSuggestion } from '../domain/drafting';
import { multiLine } from '../text';
import { idSchema } from './common';
import { output } from './output';

const promptSchema = multiLine(z.string().trim().min(3, 'Describe what to bill, e.g. "3 months of web hosting at 15,000 per month"').max(2000, 'At most 2,000 characters'));

export const draftingChannels = {
  /** Drafts offline at once and, unless refine is false, queues the AI refinement. */
  'drafting.generate': {
    input: z.object({ customerId: idSchema, prompt: promptSchema, issueDate: businessDateSchema.optional(), refine: z.boolean().default(true) }),
    output: output<GenerateResult>(),
  },
  'drafting.status': { input: z.object({ draftId: idSchema }), output: output<DraftAiStatus>() },
  /** Queues a fresh AI refinement of a draft made from a sentence (after a failure, or when it was skipped). */
  'drafting.refine': { input: z.object({ draftId: idSchema }), output: output<DraftAiStatus>() },
  /** Saves a refinement that was held back because the draft had been edited since. */
  'drafting.applyRefinement': {
    input: z.object({ draftId: idSchema, jobId: idSchema, currentVersion: z.number().int().min(1) }),
    output: output<Invoice>(),
  },
  'drafting.suggestions': {
    input: z.object({ customerId: idSchema.optional(), limit: z.number().int().min(1).max(200).default(20) }).default({ limit: 20 }),
    output: output<RecurringSuggestion[]>(),
  },
  /** A new draft from a recurring-billing suggestion (looked up again by its key). */
  'drafting.useSuggestion': { input: z.object({ customerId: idSchema, key: z.string().min(1).max(200) }), output: output<Invoice>() },
  /** A new draft copying the customer's last invoice: its lines and terms, dated today. */
  'drafting.fromPrevious': { input: z.object({ customerId: idSchema }), output: output<Invoice>() },
  /** One draft per customer from one sentence template, each refined on the queue. */
  'drafting.bulk': {
    input: z.object({
      customerIds: z.array(idSchema).min(1, 'Pick at least one customer').max(500, 'At most 500 customers at once'),
      template: promptSchema,
      issueDate: businessDateSchema.optional(),
    }),
    output: output<BulkDraftResult>(),
  },
  'drafting.batch': { input: z.object({ batchId: idSchema }), output: output<BatchStatus>() },
} as const;
