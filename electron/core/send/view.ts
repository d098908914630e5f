import type { NotificationStatus, NotificationType, NotificationView, ReminderTone, SendChannel } from '../../../shared/domain/sending';
import type { NotificationDbRow } from './repo';

export function toNotificationView(row: NotificationDbRow): NotificationView {
  const status = row.status as NotificationStatus;
  const attempts = row.job_attempts ?? 0;
  // A waiting message shows why its last try failed; a settled one shows its own reason.
  const error = row.outcome ? row.error : status === 'failed' ? (row.job_last_error ?? row.error) : status === 'sent' ? null : (row.job_last_error ?? row.error);
  return {
    id: row.id,
    type: row.type as NotificationType,
    channel: row.channel as SendChannel,
    status,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    customerId: row.customer_id,
    customerName: row.customer_name,
    recipients: JSON.parse(row.recipients) as string[],
    subject: row.subject,
    message: row.message,
    attachPdf: row.attach_pdf === 1,
    segments: row.segments,
    tone: row.tone as ReminderTone | null,
    providerMessageId: status === 'sent' || status === 'unconfirmed' ? row.provider_message_id : null,
    error,
    retryCount: Math.max(0, attempts - 1),
    scheduledFor: row.scheduled_for,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    updatedAt: row.updated_at,
    jobId: row.job_id,
  };
}
