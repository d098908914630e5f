// One email over SMTP with nodemailer, from the settings in force. No pooling: invoices go a few
// at a time, and a fresh connection picks up changed settings at once.
import nodemailer from 'nodemailer';
import type { EmailSettings } from '../../../../shared/domain/settings';

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Kept across retries, so a receiving system can tell a repeat. */
  messageId: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

export interface SmtpAccount {
  settings: EmailSettings;
  password: string | null;
}

export function createSmtpTransport({ settings, password }: SmtpAccount) {
  const timeout = settings.timeoutSeconds * 1000;
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.user ? { user: settings.user, pass: password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // Names the machine in EHLO without leaking its host name.
    name: 'billbook.local',
  });
}

/** "<id@domain>" with the sender's domain, as mail systems expect. */
export function messageIdFor(id: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] || 'billbook.local';
  return `<${id}@${domain}>`;
}

/** Sends one message; resolves with the Message-ID once the server accepted it (250 after DATA). */
export async function sendEmail(account: SmtpAccount, email: OutgoingEmail, signal?: AbortSignal): Promise<{ messageId: string; response: string }> {
  const transport = createSmtpTransport(account);
  const onAbort = () => transport.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { settings } = account;
    const info = await transport.sendMail({
      from: settings.fromName ? { name: settings.fromName, address: settings.fromAddress } : settings.fromAddress,
      replyTo: settings.replyTo || undefined,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      attachments: email.attachments,
    });
    return { messageId: info.messageId, response: info.response };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    transport.close();
  }
}
