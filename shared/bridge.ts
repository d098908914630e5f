// The shape of what crosses IPC or HTTP for one call, and of window.billbook in Electron.
import type { AppErrorShape } from './errors';
import type { EventMap, EventName } from './contract';

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export interface BillbookBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}
