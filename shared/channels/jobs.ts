import { z } from 'zod';
import { JOB_KINDS, JOB_STATES, type JobList, type JobView } from '../domain/jobs';
import { idSchema } from './common';
import { output } from './output';

export const jobChannels = {
  'jobs.list': {
    input: z
      .object({
        states: z.array(z.enum(JOB_STATES)).optional(),
        kind: z.enum(JOB_KINDS).optional(),
        batchId: idSchema.optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .default({ limit: 100 }),
    output: output<JobList>(),
  },
  'jobs.get': { input: z.object({ id: idSchema }), output: output<JobView>() },
  /** Stops a job that has not finished; a running attempt's result is thrown away. */
  'jobs.cancel': { input: z.object({ id: idSchema }), output: output<JobView>() },
  /** Runs a waiting or failed job now, with a fresh set of attempts when it had failed. */
  'jobs.retryNow': { input: z.object({ id: idSchema }), output: output<JobView>() },
} as const;
