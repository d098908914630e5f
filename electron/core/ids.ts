import { v7 } from 'uuid';
import type { Clock } from './clock';

/** A UUIDv7 made on this device: time-ordered, safe to create offline on many devices. */
export function newId(clock: Clock): string {
  return v7({ msecs: clock.now().getTime() });
}
