// A real SMTP server on 127.0.0.1 (smtp-server) that keeps what it receives, parsed with
// mailparser, and can be told to answer the next commands with failures. No vitest imports:
// Playwright specs use it too.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export type SmtpStage = 'connect' | 'auth' | 'mail' | 'rcpt' | 'data';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  envelope: { from: string; to: string[] };
  user: string | null;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** Answers the next `times` commands of this stage with `code message`. */
  failNext(stage: SmtpStage, code: number, message: string, times?: number): void;
  /** The next message's DATA is held (received but not answered) until `release()`; resolves when it arrives. */
  holdNextData(): { arrived: Promise<void>; release: () => void };
  /** Resolves when `count` messages have been accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Connections opened so far (each attempt opens one). */
  connections: number;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** When set, AUTH is required and only this pair passes. */
  credentials?: { user: string; pass: string };
  port?: number;
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const failures: Record<SmtpStage, { code: number; message: string }[]> = { connect: [], auth: [], mail: [], rcpt: [], data: [] };
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  let hold: { onArrive: () => void; released: Promise<void> } | null = null;
  const takeFailure = (stage: SmtpStage) => {
    const next = failures[stage].shift();
    return next ? smtpError(next.code, next.message) : null;
  };
  const sink: SmtpSink = {
    port: 0,
    received,
    connections: 0,
    failNext: (stage, code, message, times = 1) => {
      for (let i = 0; i < times; i++) failures[stage].push({ code, message });
    },
    holdNextData: () => {
      let onArrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (onArrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { onArrive, released };
      return { arrived, release };
    },
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Expected ${count} emails, got ${received.length}`)), timeoutMs);
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const config: SMTPServerOptions = {
    logger: false,
    // A reverse DNS lookup per connection costs more than the whole exchange on this machine.
    disableReverseLookup: true,
    disabledCommands: options.credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.credentials,
    allowInsecureAuth: true,
    onConnect(_session, callback) {
      sink.connections += 1;
      callback(takeFailure('connect') ?? undefined);
    },
    onAuth(auth, _session, callback) {
      const failure = takeFailure('auth');
      if (failure) return callback(failure);
      const ok = options.credentials && auth.username === options.credentials.user && auth.password === options.credentials.pass;
      if (!ok) return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      callback(takeFailure('mail') ?? undefined);
    },
    onRcptTo(_address, _session, callback) {
      callback(takeFailure('rcpt') ?? undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          const failure = takeFailure('data');
          if (failure) return callback(failure);
          const held = hold;
          hold = null;
          if (held) {
            held.onArrive();
            await held.released;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          received.push({
            raw,
            parsed: await simpleParser(raw),
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            user: typeof session.user === 'string' ? session.user : null,
          });
          callback();
          for (const w of waiters.splice(0)) w();
        })();
      });
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  sink.port = (server.server.address() as AddressInfo).port;
  return sink;
}
