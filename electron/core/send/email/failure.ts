// What an SMTP failure means for the person and for the queue: the stage it failed at (the test
// button names it) and the failure class (a 421 is worth another try, a 550 or a bad password is not).
import type { EmailTestStage } from '../../../../shared/domain/sending';
import type { FailureClass } from '../../../../shared/domain/jobs';
import { SmtpSendError } from './transport';

export interface SmtpFailure {
  stage: EmailTestStage;
  failureClass: FailureClass;
  /** One sentence: what happened and what to do. */
  message: string;
  /** The server's own words, when it said something. */
  detail: string | null;
  /** The connection broke while the message was being handed over, with no answer: it may have been accepted. */
  outcomeUnknown?: boolean;
}

interface NodemailerError {
  code?: string;
  errno?: string | number;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

const where = (host: string, port: number) => `${host}:${port}`;

/** Node's own network error code, which nodemailer keeps in the message when it wraps it. */
function socketCode(e: NodemailerError): string | null {
  const text = `${e.code ?? ''} ${e.message ?? ''}`;
  const match = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ECONNABORTED)\b/.exec(text);
  return match ? match[1]! : null;
}

export function classifySmtpError(error: unknown, host: string, port: number): SmtpFailure {
  const underlying = error instanceof SmtpSendError ? error.underlying : error;
  // No answer once the message was being handed over: the server may have taken it.
  const unanswered = (underlying as NodemailerError | null)?.responseCode === undefined;
  return { ...classify(underlying, host, port), outcomeUnknown: error instanceof SmtpSendError && error.phase === 'handover' && unanswered };
}

function classify(error: unknown, host: string, port: number): SmtpFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as NodemailerError;
  const detail = e.response?.trim() || null;
  const code = e.responseCode;
  const command = (e.command ?? '').toUpperCase();
  const socket = socketCode(e);

  if (e.code === 'EINSECURE') {
    return {
      stage: 'settings', failureClass: 'permanent',
      message: `Email is set to no encryption, which would send your password and invoices to ${host} in clear text. Choose STARTTLS or TLS in Settings → Email.`,
      detail: null,
    };
  }
  // "No such name" is an answer: the name is wrong (a typo), and waiting for the network will not fix it.
  // "Try again" (EAI_AGAIN) is no answer: no network, or no name server, and it is worth waiting.
  if (socket === 'ENOTFOUND' || (e.code === 'EDNS' && socket !== 'EAI_AGAIN')) {
    return {
      stage: 'dns', failureClass: 'permanent',
      message: `There is no mail server called "${host}": check its spelling in Settings → Email, then use Send again on the message.`,
      detail: e.message ?? null,
    };
  }
  if (socket === 'EAI_AGAIN') {
    return { stage: 'dns', failureClass: 'offline', message: `The mail server name "${host}" could not be looked up: no network or no name server. It will be sent when the connection is back.`, detail: e.message ?? null };
  }
  if (socket === 'ECONNREFUSED' || socket === 'EHOSTUNREACH' || socket === 'ENETUNREACH') {
    return { stage: 'refused', failureClass: 'offline', message: `Nothing answered at ${where(host, port)} (connection refused). Check the host and port in Settings → Email.`, detail: e.message ?? null };
  }
  if (code !== undefined && code >= 400 && code < 500) {
    return { stage: command.startsWith('AUTH') ? 'auth' : 'rejected', failureClass: 'transient', message: `The mail server is busy or limiting us (${code}); the message will be tried again.`, detail };
  }
  if (e.code === 'ETLS' || /tls|ssl|certificate|wrong version number|self[- ]signed/i.test(e.message ?? '')) {
    return {
      stage: 'tls', failureClass: 'permanent',
      message: `The secure connection to ${where(host, port)} failed. Check the security setting: port 465 usually wants "TLS from the start", 587 wants "STARTTLS".`,
      detail: e.message ?? null,
    };
  }
  if (e.code === 'EAUTH' || code === 535 || code === 534 || code === 530 || command.startsWith('AUTH')) {
    return {
      stage: 'auth', failureClass: 'permanent',
      message: 'The mail server refused the user name or password. Fix them in Settings → Email, then use Send again on the message.',
      detail,
    };
  }
  if (e.code === 'ETIMEDOUT' || socket === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) {
    return { stage: 'timeout', failureClass: 'transient', message: `The mail server at ${where(host, port)} did not answer in time. It will be tried again.`, detail: e.message ?? null };
  }
  if (code !== undefined && code >= 500) {
    if (command.startsWith('MAIL')) {
      return { stage: 'sender', failureClass: 'permanent', message: 'The mail server will not send from this address. Use an address this account may send as, in Settings → Email.', detail };
    }
    if (command.startsWith('RCPT')) {
      return { stage: 'recipient', failureClass: 'permanent', message: "The mail server refused the recipient's address. Check the customer's email address.", detail };
    }
    return { stage: 'rejected', failureClass: 'permanent', message: `The mail server refused the message (${code}). Its reason is below; fix it before sending again.`, detail };
  }
  if (socket === 'ECONNRESET' || socket === 'EPIPE' || socket === 'ECONNABORTED' || e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EPROTOCOL') {
    return { stage: 'other', failureClass: 'transient', message: `The connection to ${where(host, port)} broke off. It will be tried again.`, detail: e.message ?? null };
  }
  return { stage: 'other', failureClass: 'transient', message: `Sending failed: ${(e.message ?? 'unknown error').slice(0, 300)}`, detail };
}
