// Customer statements of account: the statement for a period, its PDF, sending it, and sending this
// month's to every customer with a balance.
import { z } from 'zod';
import { statementPeriodSchema, type Statement } from '../domain/statement';
import { businessDateSchema } from '../domain/invoice';
import type { SendChannel } from '../domain/sending';
import { idSchema } from './common';
import { output } from './output';

export interface StatementSendResult {
  customerId: string;
  /** The message logged (and queued) per channel; skipped ones say why. */
  queued: { channel: SendChannel; notificationId: string }[];
  skipped: { channel: SendChannel; reason: string }[];
}

export interface StatementBatchResult {
  /** Customers with a balance (owed or in credit) at the end of the period. */
  customers: number;
  queued: number;
  skipped: { customerId: string; name: string; reason: string }[];
}

export const statementChannels = {
  'statements.get': { input: statementPeriodSchema, output: output<Statement>() },
  'statements.pdf': { input: statementPeriodSchema, output: output<{ fileName: string; base64: string; pages: number; bytes: number }>() },
  'statements.send': {
    input: z.object({
      customerId: idSchema, from: businessDateSchema, to: businessDateSchema,
      /** Email carries the PDF; an SMS says the balance. */
      channel: z.enum(['email', 'sms']).default('email'),
    }),
    output: output<StatementSendResult>(),
  },
  'statements.sendAll': {
    input: z.object({ from: businessDateSchema, to: businessDateSchema, channel: z.enum(['email', 'sms']).default('email') }),
    output: output<StatementBatchResult>(),
  },
} as const;
