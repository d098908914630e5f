import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../shared/contract';

export type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Backend -> windows. Transports (IPC, SSE) subscribe with onAny. */
export class CoreEvents {
  private readonly emitter = new EventEmitter();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit('event', event, payload);
  }

  onAny(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
