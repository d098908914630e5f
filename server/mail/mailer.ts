// The Cloud's own mail (sign-in links, invitations), through the SMTP server its environment names.
import nodemailer from 'nodemailer';
import type { CloudConfig } from '../config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  readonly configured: boolean;
  send(mail: OutgoingMail): Promise<void>;
}

export function smtpMailer(smtp: CloudConfig['smtp'], log: (message: string) => void): Mailer {
  if (!smtp.host) {
    return {
      configured: false,
      // Without SMTP (trying the Cloud on a laptop) the message goes to the log, so links still work.
      async send(mail) {
        log(`No SMTP_HOST set; this email was not sent:\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`);
      },
    };
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure === 'tls',
    requireTLS: smtp.secure === 'starttls',
    ignoreTLS: smtp.secure === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    configured: true,
    async send(mail) {
      await transport.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
  };
}
