// One email over SMTP with nodemailer's connection and composer, step by step, so a failure is
// known to be before the message went (connect, sign-in: safe to retry) or during its hand-over
// with no answer (it may have been accepted: not to be repeated blindly). One connection per
// message: invoices go a few at a time, and a fresh connection picks up changed settings at once.
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { EmailSettings } from '../../../../shared/domain/settings';
import { isLocalHost } from '../../../../shared/localHost';

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

/** Where the conversation was when it failed: `handover` is after the envelope went, while the message itself was being handed over. */
export type SmtpPhase = 'connect' | 'auth' | 'envelope' | 'handover';

export class SmtpSendError extends Error {
  constructor(readonly underlying: unknown, readonly phase: SmtpPhase) {
    super(underlying instanceof Error ? underlying.message : String(underlying));
    this.name = 'SmtpSendError';
  }
}

/** "<id@domain>" with the sender's domain, as mail systems expect. */
export function messageIdFor(id: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] || 'billbook.local';
  return `<${id}@${domain}>`;
}

function compose(settings: EmailSettings, email: OutgoingEmail): Promise<{ raw: Buffer; envelope: { from: string; to: string[] } }> {
  const compiled = new MailComposer({
    from: settings.fromName ? { name: settings.fromName, address: settings.fromAddress } : settings.fromAddress,
    replyTo: settings.replyTo || undefined,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    attachments: email.attachments,
  }).compile();
  const envelope = compiled.getEnvelope() as { from: string | false; to: string[] };
  return new Promise((resolve, reject) => {
    compiled.build((error, raw) => (error ? reject(error) : resolve({ raw, envelope: { from: envelope.from || settings.fromAddress, to: envelope.to } })));
  });
}

/** Sends one message; resolves with the Message-ID once the server accepted it (250 after DATA). */
export async function sendEmail(account: SmtpAccount, email: OutgoingEmail, signal?: AbortSignal): Promise<{ messageId: string; response: string }> {
  const { settings, password } = account;
  // The last line of defence: whatever let the settings through, no clear text leaves this computer.
  if (settings.security === 'none' && !isLocalHost(settings.host)) {
    throw new SmtpSendError(Object.assign(new Error(`No encryption is only for a mail server on this computer, not ${settings.host}`), { code: 'EINSECURE' }), 'connect');
  }
  const { raw, envelope } = await compose(settings, email);
  const timeout = settings.timeoutSeconds * 1000;
  const connection = new SMTPConnection({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // Names the machine in EHLO without leaking its host name.
    name: 'billbook.local',
  });
  let phase: SmtpPhase = 'connect';
  let settled = false;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      connection.close();
      reject(new SmtpSendError(error, phase));
    };
    const onAbort = () => fail(signal?.reason ?? new Error('Cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    connection.on('error', fail);
    connection.connect((connectError) => {
      if (connectError) return fail(connectError);
      const deliver = () => {
        // From here a failure without an answer (a timeout, a dropped connection) may come after the
        // server took the message; a refusal of the envelope comes with its code, which is definite.
        phase = 'handover';
        connection.send(envelope, raw, (sendError, info) => {
          if (sendError) {
            if (/^(MAIL|RCPT)/i.test((sendError as { command?: string }).command ?? '')) phase = 'envelope';
            return fail(sendError);
          }
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          connection.quit();
          resolve({ messageId: email.messageId, response: info.response });
        });
      };
      if (!settings.user) return deliver();
      phase = 'auth';
      connection.login({ user: settings.user, pass: password ?? '' }, (loginError) => (loginError ? fail(loginError) : deliver()));
    });
  });
}
