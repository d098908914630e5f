import { z } from 'zod';
import { contract, isChannel, type Channel, type ChannelOutput, type ChannelParsed } from '../../shared/contract';
import { AppError, type AppErrorShape } from '../../shared/errors';
import type { Envelope } from '../../shared/bridge';
import { storageMessage, type StoragePlace } from './books/messages';
import { CloudUnreachable } from './sync/client';

export type Handler<C extends Channel> = (input: ChannelParsed<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type HandlerMap = { [C in Channel]: Handler<C> };

/** The backend as transports see it: a channel name and untrusted input in, an envelope out. */
export type Api = { [C in Channel]: (input: unknown) => Promise<Envelope<ChannelOutput<C>>> };

export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '(input)';
    fields[key] ??= issue.message;
  }
  const list = Object.entries(fields).map(([field, message]) => `${field}: ${message}`);
  return new AppError('invalid_input', `Please check ${list.length === 1 ? 'this field' : 'these fields'} — ${list.join('; ')}`, fields);
}

/**
 * Any failure as the shape the UI shows. SQLite's storage failures (damaged, full, read-only,
 * cannot open, not a database, I/O) say what happened and what to do, naming the folder in `place`.
 */
export function toErrorShape(error: unknown, onUnexpected: (error: unknown) => void, place?: StoragePlace): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (error instanceof z.ZodError) return validationError(error).toShape();
  // Billbook Cloud is down or the address is wrong: its own message says which, and that nothing is lost.
  if (error instanceof CloudUnreachable) return { code: 'unavailable', message: error.message };
  // Another process held the books past the busy timeout; the transaction rolled back whole.
  if ((error as { code?: unknown } | null)?.code === 'SQLITE_BUSY') {
    return { code: 'conflict', message: 'The books are busy: another Billbook window or process is writing. Nothing was changed; try again in a moment.' };
  }
  const storage = storageMessage(error, place ?? { dataDir: 'the Billbook data folder', backupsDir: 'its backups folder', readOnly: false });
  if (storage) {
    // Worth a line in the log too: damage and I/O errors are what someone helping will ask about.
    onUnexpected(error);
    return { code: 'storage', message: storage };
  }
  onUnexpected(error);
  return { code: 'internal', message: 'Something went wrong inside Billbook. Nothing was changed; try again, and if it keeps happening, restart the app.' };
}

/**
 * Wraps every handler: parse the input with the contract, run, and never let a throw escape.
 * `place` says where the books are now, for storage failures' messages.
 */
export function bindApi(handlers: HandlerMap, onUnexpected: (channel: string, error: unknown) => void, place?: () => StoragePlace): Api {
  const api = {} as Record<Channel, (input: unknown) => Promise<Envelope<unknown>>>;
  for (const channel of Object.keys(contract) as Channel[]) {
    const schema = contract[channel].input as z.ZodType;
    const handler = handlers[channel] as (input: unknown) => unknown;
    api[channel] = async (input: unknown) => {
      try {
        const parsed = schema.safeParse(input ?? {});
        if (!parsed.success) return { ok: false, error: validationError(parsed.error).toShape() };
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        return { ok: false, error: toErrorShape(error, (e) => onUnexpected(channel, e), place?.()) };
      }
    };
  }
  return api as Api;
}

export async function callChannel(api: Api, channel: string, input: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'not_found', message: `There is no channel called "${channel}"` } };
  return api[channel](input);
}
