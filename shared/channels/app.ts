import { z } from 'zod';
import { output } from './output';

export const appChannels = {
  /** The backend's clock: the window reads "today" from here, so both sides agree on the business date. */
  'app.clock': { input: z.object({}).default({}), output: output<{ now: string; timeZone: string }>() },
} as const;
