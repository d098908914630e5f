// Invoices leaving the building: the send request, the notification log, reminders and the
// activity the tray and toasts announce.
import { z } from 'zod';
import { multiLine } from '../text';
import { INVOICE_TEMPLATES } from './customer';

export const SEND_CHANNELS = ['email', 'sms'] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];
export const SEND_CHANNEL_LABELS: Record<SendChannel, string> = { email: 'Email', sms: 'SMS' };

/** What a message was about (the product brief's notification-log types). */
export const NOTIFICATION_TYPES = ['invoice_sent', 'reminder', 'overdue', 'payment_received', 'quote_sent', 'statement'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const NOTIFICATION_TYPE_LABELS: Record<NotificationType, string> = {
  invoice_sent: 'Invoice', reminder: 'Reminder', overdue: 'Overdue reminder', payment_received: 'Payment receipt', quote_sent: 'Quote', statement: 'Statement',
};

/**
 * Where a message is. `unconfirmed`: Billbook stopped while handing it to the provider, so it may
 * have gone; it is never sent again on its own. `skipped`: not sent because it no longer applied
 * (the invoice was paid before its reminder went).
 */
export const NOTIFICATION_STATUSES = ['scheduled', 'pending', 'retrying', 'sending', 'sent', 'failed', 'cancelled', 'unconfirmed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const NOTIFICATION_STATUS_LABELS: Record<NotificationStatus, string> = {
  scheduled: 'Scheduled', pending: 'Waiting to send', retrying: 'Will try again', sending: 'Sending', sent: 'Sent', failed: 'Failed',
  cancelled: 'Cancelled', unconfirmed: 'Not confirmed', skipped: 'Not sent',
};

export const REMINDER_TONES = ['friendly', 'gentle', 'standard', 'firm', 'escalate'] as const;
export type ReminderTone = (typeof REMINDER_TONES)[number];

/** One message to one customer on one channel, as the log keeps it. */
export interface NotificationView {
  id: string;
  type: NotificationType;
  channel: SendChannel;
  status: NotificationStatus;
  invoiceId: string | null;
  invoiceNumber: string | null;
  customerId: string;
  customerName: string;
  /** Email addresses or phone numbers in +E.164. */
  recipients: string[];
  /** Email only; '' for SMS. */
  subject: string;
  /** The plain text that was (or will be) sent. */
  message: string;
  attachPdf: boolean;
  /** SMS only: how many segments the provider will bill. */
  segments: number | null;
  /** The reminder's tone, for reminders. */
  tone: ReminderTone | null;
  /** The Message-ID header (email) or the provider's message id (SMS). */
  providerMessageId: string | null;
  error: string | null;
  /** Attempts after the first. */
  retryCount: number;
  /** When it goes, for a scheduled send; otherwise when it was asked for. */
  scheduledFor: string;
  createdAt: string;
  sentAt: string | null;
  updatedAt: string;
  jobId: string | null;
}

export const phoneSchema = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'Write the number in international form, e.g. +254722123456');

/** The send dialog's request. The same `requestId` twice (a double click, a retry) sends once. */
export const sendRequestSchema = z
  .object({
    invoiceId: z.uuid(),
    /** A fresh id per press of Send, made by the dialog. */
    requestId: z.uuid(),
    channels: z.array(z.enum(SEND_CHANNELS)).min(1, 'Choose email, SMS or both').max(2),
    emails: z.array(z.email({ error: 'That is not an email address' })).max(10, 'At most 10 addresses').default([]),
    phones: z.array(phoneSchema).max(10, 'At most 10 numbers').default([]),
    customMessage: multiLine(z.string().trim().max(1000, 'At most 1,000 characters')).default(''),
    attachPdf: z.boolean().default(true),
    /** ISO time to send at; null: now. */
    sendAt: z.iso.datetime({ offset: true }).nullable().default(null),
    /** For a draft: the version the person confirmed finalizing. */
    finalizeVersion: z.number().int().min(1).optional(),
    template: z.enum(INVOICE_TEMPLATES).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.channels.includes('email') && r.emails.length === 0) ctx.addIssue({ code: 'custom', path: ['emails'], message: 'Add at least one email address' });
    if (r.channels.includes('sms') && r.phones.length === 0) ctx.addIssue({ code: 'custom', path: ['phones'], message: 'Add at least one phone number' });
  });
export type SendRequest = z.input<typeof sendRequestSchema>;

/** What the send dialog shows before Send: the message as it will go. */
export interface SendPreview {
  email: { subject: string; text: string; html: string; attachmentName: string } | null;
  sms: SmsPreview | null;
  /** Problems that stop a channel, e.g. "Email is not set up: Settings → Email". */
  blockers: Partial<Record<SendChannel, string>>;
  /** Filled from the customer. */
  defaultEmails: string[];
  defaultPhones: string[];
}

export interface SmsPreview {
  text: string;
  characters: number;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Set when the message takes more than one segment (each costs). */
  warning: string | null;
}

export interface SendResult {
  /** The invoice after sending (finalized when it was a draft). */
  invoiceId: string;
  invoiceNumber: string;
  notifications: NotificationView[];
}

/** What failed when testing the email settings, so the person knows where to look. */
export const EMAIL_TEST_STAGES = ['settings', 'dns', 'refused', 'timeout', 'tls', 'auth', 'sender', 'recipient', 'rejected', 'other'] as const;
export type EmailTestStage = (typeof EMAIL_TEST_STAGES)[number];

export interface ConnectionTestResult {
  ok: boolean;
  stage: EmailTestStage | null;
  /** One sentence: what happened and what to do. */
  message: string;
  /** The server's own words, when it said something. */
  detail: string | null;
  providerMessageId: string | null;
}

/** Events the tray, desktop notifications and in-app toasts show. */
export const ACTIVITY_KINDS = ['sent', 'failed', 'reminders_sent', 'fell_overdue', 'ai_draft_ready', 'etims_waiting', 'etims_refused'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface ActivityEvent {
  kind: ActivityKind;
  title: string;
  body: string;
  /** Where clicking it goes, e.g. '#/invoices/…'. */
  href: string | null;
  at: string;
}

/** Today's counts for the tray menu. */
export interface ActivitySummary {
  date: string;
  sent: number;
  failed: number;
  remindersSent: number;
  fellOverdue: number;
  aiDraftsReady: number;
  scheduled: number;
}
