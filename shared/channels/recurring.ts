// Recurring invoices: schedules, their preview, pause/resume/skip/end, and issuing what is due.
import { z } from 'zod';
import { recurringScheduleInputSchema, type RecurringSchedule } from '../domain/recurring';
import { idSchema } from './common';
import { output } from './output';

export const recurringChannels = {
  'recurring.create': { input: recurringScheduleInputSchema, output: output<RecurringSchedule>() },
  'recurring.get': { input: z.object({ id: idSchema }), output: output<RecurringSchedule>() },
  'recurring.list': { input: z.object({ customerId: idSchema.optional() }).default({}), output: output<RecurringSchedule[]>() },
  'recurring.pause': { input: z.object({ id: idSchema }), output: output<RecurringSchedule>() },
  'recurring.resume': { input: z.object({ id: idSchema }), output: output<RecurringSchedule>() },
  'recurring.skip': { input: z.object({ id: idSchema }), output: output<RecurringSchedule>() },
  'recurring.end': { input: z.object({ id: idSchema }), output: output<{ id: string }>() },
  /** Issues every period due by today now (Billbook also does this on its own every few minutes). */
  'recurring.runDue': { input: z.object({}).default({}), output: output<{ issued: number; held: number; sent: number }>() },
} as const;
