import { z } from 'zod';
import type { HomeSummary } from '../domain/home';
import { output } from './output';

export const homeChannels = {
  /** The first screen: what to set up first, and today's money. */
  'home.summary': { input: z.object({}).default({}), output: output<HomeSummary>() },
} as const;
