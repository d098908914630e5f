// KRA eTIMS: Settings → eTIMS (initialise, who transmits, code lists), an item's KRA details, a
// document's state and Retry, and the report per period with its CSV.
import { z } from 'zod';
import {
  CODE_CLASSES,
  itemEtimsSchema,
  type EtimsCode,
  type EtimsItemClass,
  type EtimsReport,
  type EtimsSetupView,
  type EtimsStatus,
  type ItemEtimsView,
} from '../domain/etims';
import { businessDateSchema } from '../domain/invoice';
import { idSchema } from './common';
import { output } from './output';

const period = z
  .object({ from: businessDateSchema, to: businessDateSchema })
  .refine((p) => p.from <= p.to, { message: 'The period ends before it starts', path: ['to'] });

export const etimsChannels = {
  'etims.setup': { input: z.object({}).default({}), output: output<EtimsSetupView>() },
  /** Registers this computer's device with KRA (selectInitOsdcInfo) with the saved settings; it then transmits for the branch. */
  'etims.initialise': { input: z.object({}).default({}), output: output<EtimsSetupView>() },
  /** This computer transmits for the branch from now on (the other stops). */
  'etims.takeOver': { input: z.object({}).default({}), output: output<EtimsSetupView>() },
  'etims.refreshCodes': { input: z.object({}).default({}), output: output<EtimsSetupView>() },
  'etims.codes': { input: z.object({ list: z.enum(Object.keys(CODE_CLASSES) as [keyof typeof CODE_CLASSES, ...(keyof typeof CODE_CLASSES)[]]) }), output: output<EtimsCode[]>() },
  'etims.searchClasses': {
    input: z.object({ query: z.string().max(100).default(''), limit: z.number().int().min(1).max(50).default(12) }),
    output: output<EtimsItemClass[]>(),
  },
  'etims.item': { input: z.object({ id: idSchema }), output: output<ItemEtimsView>() },
  'etims.setItem': { input: z.object({ id: idSchema, version: z.number().int().min(1), etims: itemEtimsSchema }), output: output<ItemEtimsView>() },
  'etims.status': { input: z.object({ kind: z.enum(['invoice', 'credit_note']), id: idSchema }), output: output<EtimsStatus>() },
  /** Sends a refused (or given-up) document again, after what KRA refused was fixed. */
  'etims.retry': { input: z.object({ kind: z.enum(['invoice', 'credit_note']), id: idSchema }), output: output<EtimsStatus>() },
  'etims.report': { input: period, output: output<EtimsReport>() },
  'etims.export': { input: period, output: output<{ fileName: string; csvText: string; rows: number }>() },
} as const;
