// The typed client of shared/contract.ts: window.billbook in Electron, HTTP + SSE in a browser.
import type { Channel, ChannelInput, ChannelOutput, EventMap, EventName } from '../shared/contract';
import type { BillbookBridge, Envelope } from '../shared/bridge';
import { AppError, isAppErrorShape } from '../shared/errors';

declare global {
  interface Window {
    billbook?: BillbookBridge;
  }
}

function hostToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="billbook-token"]')?.content ?? '';
}

/** The browser's bridge also says when its event stream (re)connects: see `onEventsConnected`. */
type HttpBridge = BillbookBridge & { onConnected(listener: () => void): () => void };

function httpBridge(): HttpBridge {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectedListeners = new Set<() => void>();
  return {
    async invoke(channel, input) {
      let response: Response;
      try {
        response = await fetch(`/rpc/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-billbook-token': hostToken() },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Billbook’s backend is not answering. Is `npm run web` still running?' } };
      }
      const body: unknown = await response.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) return body as Envelope<unknown>;
      return { ok: false, error: { code: 'internal', message: `Unexpected answer from the backend (HTTP ${response.status})` } };
    },
    on(event, listener) {
      if (!source) {
        source = new EventSource(`/events?token=${encodeURIComponent(hostToken())}`);
        source.addEventListener('open', () => {
          for (const l of connectedListeners) l();
        });
      }
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        source.addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
          for (const l of listeners.get(event) ?? []) l(payload);
        });
      }
      const typed = listener as (payload: unknown) => void;
      set.add(typed);
      return () => set.delete(typed);
    },
    onConnected(listener) {
      connectedListeners.add(listener);
      return () => connectedListeners.delete(listener);
    },
  };
}

const http: HttpBridge | null = window.billbook ? null : httpBridge();
const bridge: BillbookBridge = http ?? (window.billbook as BillbookBridge);

/** Calls a channel; resolves with its output or rejects with an AppError the UI can show. */
export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await bridge.invoke(channel, input);
  if (envelope.ok) return envelope.value as ChannelOutput<C>;
  const error = isAppErrorShape(envelope.error) ? envelope.error : { code: 'internal' as const, message: 'Something went wrong' };
  throw new AppError(error.code, error.message, error.fields);
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return bridge.on(event, listener);
}

/**
 * Runs `listener` each time the browser's event stream connects, the first time included. The stream
 * connects a moment after the page asks its first questions, and again after the backend restarts;
 * an event sent meanwhile is lost (a sync round that ended then left the sidebar at "Syncing…" until
 * the next round), so whatever follows live state asks once more. Electron's IPC loses nothing, so
 * there it never runs.
 */
export function onEventsConnected(listener: () => void): () => void {
  return http ? http.onConnected(listener) : () => undefined;
}

export const api = { invoke, on: onEvent };
