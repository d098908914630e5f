import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../shared/contract';

export type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Backend -> windows. Transports (IPC, SSE) subscribe with onAny. */
export class CoreEvents {
  private readonly emitter = new EventEmitter();
  /** Applied to every payload before any window sees it: stored secrets are masked (set by createCore). */
  private mask: <T>(payload: T) => T = (payload) => payload;

  setMask(mask: <T>(payload: T) => T): void {
    this.mask = mask;
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit('event', event, this.mask(payload));
  }

  onAny(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
