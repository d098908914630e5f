import { z } from 'zod';
import { INVOICE_TEMPLATES } from '../domain/customer';
import {
  NOTIFICATION_STATUSES,
  NOTIFICATION_TYPES,
  SEND_CHANNELS,
  sendRequestSchema,
  type ActivitySummary,
  type ConnectionTestResult,
  type NotificationView,
  type SendPreview,
  type SendResult,
} from '../domain/sending';
import { multiLine } from '../text';
import { idSchema } from './common';
import { output } from './output';

export const sendingChannels = {
  /** The messages as they would go now, the customer's addresses and what stops a channel. */
  'sending.preview': {
    input: z.object({
      invoiceId: idSchema,
      customMessage: multiLine(z.string().max(1000, 'At most 1,000 characters')).default(''),
      attachPdf: z.boolean().default(true),
      template: z.enum(INVOICE_TEMPLATES).optional(),
    }),
    output: output<SendPreview>(),
  },
  /** Finalizes a draft (when `finalizeVersion` confirms it), then queues one message per channel. */
  'sending.send': { input: sendRequestSchema, output: output<SendResult>() },
  /** The invoice's messages, newest first: its delivery status. */
  'sending.forInvoice': { input: z.object({ invoiceId: idSchema }), output: output<NotificationView[]>() },
  /** The notification log, newest first: a customer's history, or everything. */
  'sending.log': {
    input: z
      .object({
        customerId: idSchema.optional(),
        types: z.array(z.enum(NOTIFICATION_TYPES)).optional(),
        statuses: z.array(z.enum(NOTIFICATION_STATUSES)).optional(),
        channel: z.enum(SEND_CHANNELS).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .default({ limit: 100 }),
    output: output<NotificationView[]>(),
  },
  /** Stops a scheduled or waiting message. */
  'sending.cancel': { input: z.object({ id: idSchema }), output: output<NotificationView>() },
  /** Sends a failed, cancelled or unconfirmed message again, as a new message (the old one stays in the log). */
  'sending.resend': { input: z.object({ id: idSchema }), output: output<NotificationView>() },
  /** Connects with the saved email settings and sends a short test message. */
  'sending.testEmail': { input: z.object({ to: z.email({ error: 'That is not an email address' }) }), output: output<ConnectionTestResult>() },
  /** Sends a short test SMS with the saved provider. */
  'sending.testSms': {
    input: z.object({ to: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'Write the number in international form, e.g. +254722123456') }),
    output: output<ConnectionTestResult>(),
  },
  /** Today's numbers for the tray and the sidebar. */
  'activity.summary': { input: z.object({}).default({}), output: output<ActivitySummary>() },

  /** The invoice as a PDF (base64), for the preview and "Save as PDF". */
  'pdf.render': {
    input: z.object({ invoiceId: idSchema, template: z.enum(INVOICE_TEMPLATES).optional() }),
    output: output<{ fileName: string; base64: string; pages: number; bytes: number }>(),
  },
} as const;
