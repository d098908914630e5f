// Refunds of a customer's credit: record, reverse, list, and what is refundable now.
import { z } from 'zod';
import { refundInputSchema, type Refund, type RefundableCredit } from '../domain/refund';
import { multiLine } from '../text';
import { idSchema, page } from './common';
import { output } from './output';

export const refundChannels = {
  'refunds.record': { input: refundInputSchema, output: output<Refund>() },
  'refunds.reverse': {
    input: z.object({ id: idSchema, reason: multiLine(z.string().trim().min(3, 'Say why it is reversed (at least 3 characters)').max(500, 'At most 500 characters')) }),
    output: output<Refund>(),
  },
  'refunds.get': { input: z.object({ id: idSchema }), output: output<Refund>() },
  'refunds.list': { input: z.object({ customerId: idSchema.optional(), ...page }), output: output<{ rows: Refund[]; total: number; offset: number }>() },
  /** The customer's credit that a refund may take, for the dialog. */
  'refunds.refundable': { input: z.object({ customerId: idSchema }), output: output<RefundableCredit>() },
} as const;
