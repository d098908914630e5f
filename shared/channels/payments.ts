import { z } from 'zod';
import { businessDateSchema } from '../domain/invoice';
import type { DayTakings, ReceiptPreview } from '../domain/payment';
import { SEND_CHANNELS, type NotificationView } from '../domain/sending';
import { idSchema } from './common';
import { output } from './output';

const phoneSchema = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'Write the number in international form, e.g. +254722123456');

export const paymentChannels = {
  /** Money received on one day, per method and currency: the M-Pesa till at closing time. */
  'payments.dayTotals': { input: z.object({ date: businessDateSchema }), output: output<DayTakings>() },
  /** The payment's receipt as a PDF (base64). */
  'payments.receiptPdf': { input: z.object({ id: idSchema }), output: output<{ fileName: string; base64: string; pages: number; bytes: number }>() },
  /** The receipt's email and SMS as they would go now, the customer's addresses and what stops a channel. */
  'payments.receiptPreview': { input: z.object({ id: idSchema }), output: output<ReceiptPreview>() },
  /** Sends the receipt by email (with its PDF) and/or SMS. The same requestId twice sends once. */
  'payments.sendReceipt': {
    input: z.object({
      id: idSchema,
      requestId: z.uuid(),
      channels: z.array(z.enum(SEND_CHANNELS)).min(1, 'Choose email, SMS or both').max(2),
      emails: z.array(z.email({ error: 'That is not an email address' })).max(10, 'At most 10 addresses').default([]),
      phones: z.array(phoneSchema).max(10, 'At most 10 numbers').default([]),
    }),
    output: output<NotificationView[]>(),
  },
} as const;
