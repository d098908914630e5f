// Per-device number series (server/PROTOCOL.md): the computer that brought the organisation its
// books keeps the plain series (INV-2026-0001); every other computer's numbers carry its Cloud
// device code before the sequence (INV-2026-B-0001, CUST-B-0001), so two computers working offline
// can never issue one number twice, and each series stays gapless on its own computer.
import type { CoreContext } from '../context';
import { cloudLink, readMetaValue } from './state';

function codedHere(ctx: CoreContext): string | null {
  const link = cloudLink(ctx.sql);
  if (!link || readMetaValue(ctx.sql, 'cloud.plain_series') === '1') return null;
  return link.deviceCode;
}

/** The number format this computer uses: the configured one, with its device code when it needs one. */
export function deviceFormat(ctx: CoreContext, format: string): string {
  if (!codedHere(ctx) || format.includes('{DEVICE}')) return format;
  return format.replace(/\{seq/, '{DEVICE}-{seq');
}

/** What {DEVICE} stands for on this computer: the Cloud's code, else the one set for it here. */
export function deviceCode(ctx: CoreContext, configured: string): string {
  return codedHere(ctx) ?? configured;
}

/** A customer code: CUST-0042 on the plain series, CUST-B-0042 on device B's. */
export function customerCodeFor(ctx: CoreContext, n: number): string {
  const code = codedHere(ctx);
  return `CUST-${code ? `${code}-` : ''}${String(n).padStart(4, '0')}`;
}

/** The name of this computer's customer-code sequence. */
export function customerSeries(ctx: CoreContext): string {
  const code = codedHere(ctx);
  return code ? `customer_code:${code}` : 'customer_code';
}
