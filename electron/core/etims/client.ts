// The OSCU JSON API: one POST per call to {base}/{method}, answered with KRA's envelope
// { resultCd, resultMsg, resultDt, data }. Every reply is checked with zod before anything reads it.
// A transport failure (no network, a timeout, an HTML error page, a 5xx) becomes a JobFailure with
// its class; KRA's own refusals come back as values, for the caller to decide what they mean.
//
// Who we are travels as headers tin, bhfId and cmcKey (Odoo l10n_ke_edi_oscu, which KRA certified:
// res_company._l10n_ke_oscu_get_session); tin and bhfId are in the body too, as the OSCU
// specification's own samples have them (§3.3.2.1), and the key never is.
import { z } from 'zod';
import { JobFailure } from '../jobs/failure';
import { classifyNetworkError, parseJson, parseRetryAfter, shortText } from '../send/sms/http';

export const LABEL = 'KRA eTIMS';

const envelopeSchema = z.object({
  resultCd: z.string().min(1),
  resultMsg: z.string().nullish().transform((v) => v ?? ''),
  resultDt: z.string().nullish(),
  data: z.unknown().optional(),
});

export type OscuAnswer<T> = { ok: true; data: T; resultDt: string | null } | { ok: false; code: string; message: string };

export interface OscuConfig {
  baseUrl: string;
  pin: string;
  branchId: string;
  /** Absent before initialisation. */
  communicationKey: string | null;
  timeoutMs: number;
}

const deviceInfoSchema = z.object({
  info: z.object({
    tin: z.string().nullish(),
    taxprNm: z.string().nullish(),
    bhfId: z.string().nullish(),
    bhfNm: z.string().nullish(),
    dvcId: z.string().nullish(),
    sdcId: z.string().min(1),
    mrcNo: z.string().nullish(),
    cmcKey: z.string().min(1),
  }),
});
export type DeviceInfo = z.output<typeof deviceInfoSchema>['info'];

const codeListSchema = z.object({
  clsList: z
    .array(
      z.object({
        cdCls: z.string(),
        cdClsNm: z.string().nullish(),
        useYn: z.string().nullish(),
        dtlList: z
          .array(
            z.object({
              cd: z.string(),
              cdNm: z.string().nullish(),
              cdDesc: z.string().nullish(),
              srtOrd: z.union([z.number(), z.string()]).nullish(),
              userDfnCd1: z.string().nullish(),
              useYn: z.string().nullish(),
            }),
          )
          .nullish()
          .transform((v) => v ?? []),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
});
export type CodeList = z.output<typeof codeListSchema>;

const itemClassListSchema = z.object({
  itemClsList: z
    .array(
      z.object({
        itemClsCd: z.string(),
        itemClsNm: z.string().nullish(),
        itemClsLvl: z.union([z.number(), z.string()]).nullish(),
        taxTyCd: z.string().nullish(),
        useYn: z.string().nullish(),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
});
export type ItemClassList = z.output<typeof itemClassListSchema>;

/** TrnsSalesSaveWrRes's data: what a signed invoice prints. Counters come as numbers or digit strings. */
const counter = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
export const saleReceiptSchema = z.object({
  curRcptNo: counter,
  totRcptNo: counter,
  intrlData: z.string().min(1),
  rcptSign: z.string().min(1),
  sdcDateTime: z.string().regex(/^\d{14}$/, 'sdcDateTime is YYYYMMDDhhmmss'),
});
export type SaleReceipt = z.output<typeof saleReceiptSchema>;

/** What a lookup of one sale answers: KRA's receipt for it, or nothing under that number. */
// The bare receipt is tried first: the wrapped form's `sale` is optional, so it would match any object.
const saleLookupSchema = saleReceiptSchema.transform((r) => ({ sale: r as SaleReceipt | null | undefined })).or(z.object({ sale: saleReceiptSchema.nullish() }));

/** The request bodies Billbook sends (see payload.ts for how a sale is built). */
export type JsonBody = Record<string, unknown>;

export interface OscuClient {
  initialise(deviceSerial: string, signal: AbortSignal): Promise<OscuAnswer<DeviceInfo>>;
  codeList(lastReqDt: string, signal: AbortSignal): Promise<OscuAnswer<CodeList>>;
  itemClasses(lastReqDt: string, signal: AbortSignal): Promise<OscuAnswer<ItemClassList>>;
  saveItem(item: JsonBody, signal: AbortSignal): Promise<OscuAnswer<null>>;
  saveSale(sale: JsonBody, signal: AbortSignal): Promise<OscuAnswer<SaleReceipt>>;
  /**
   * Asks whether KRA holds a sale under this invoice number, and its receipt if so. KRA's newer OSCU
   * lists this lookup ("look up invoice details"); a server without it answers 'unsupported', and
   * the caller falls back on KRA refusing a number twice (994).
   */
  lookupSale(invoiceNo: number, signal: AbortSignal): Promise<OscuAnswer<SaleReceipt | null> | 'unsupported'>;
}

export const LOOKUP_METHOD = 'selectInvoiceDtl';

interface Options {
  /** A write: an answer lost after sending leaves it unknown whether KRA took it. */
  write: boolean;
  /** The method may not exist on this server. */
  optional?: boolean;
}

export function createOscuClient(config: OscuConfig): OscuClient {
  const host = (() => {
    try {
      return new URL(config.baseUrl).host;
    } catch {
      return config.baseUrl;
    }
  })();

  async function post(method: string, body: JsonBody, signal: AbortSignal, options: Options): Promise<{ envelope: z.output<typeof envelopeSchema> } | 'unsupported'> {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json', tin: config.pin, bhfId: config.branchId };
    if (config.communicationKey) headers.cmcKey = config.communicationKey;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await fetch(`${config.baseUrl}/${method}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ tin: config.pin, bhfId: config.branchId, ...body }),
        signal: AbortSignal.any([signal, timeout]),
        // A redirect would carry the communication key somewhere we did not choose.
        redirect: 'manual',
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      // The timeout covers the body too: a server that sends headers and then stalls is as stuck as one that never answers.
      text = await response.text();
    } catch (error) {
      if (signal.aborted) {
        const reason: unknown = signal.reason;
        throw reason instanceof JobFailure ? reason : new JobFailure('permanent', 'Cancelled');
      }
      const failure = classifyNetworkError(error, { providerLabel: LABEL, host, timeoutMs: config.timeoutMs, timedOut: timeout.aborted });
      // Only a write can be in doubt; a timeout on a read is just a failed read.
      throw new JobFailure(failure.failureClass, failure.message.replace(' (the message may still arrive)', options.write ? ' (KRA may still have taken it)' : ''), null, options.write && failure.outcomeUnknown);
    }
    const json = parseJson(text);
    const envelope = envelopeSchema.safeParse(json);
    if (options.optional && (status === 404 || status === 405 || (envelope.success && envelope.data.resultCd === '912'))) return 'unsupported';
    if (status === 429) throw new JobFailure('rate_limit', `${LABEL} asks Billbook to slow down (429).`, parseRetryAfter(retryAfter));
    if (status === 401 || status === 403) {
      throw new JobFailure('permanent', `${LABEL} refused this computer's credentials (${status}). Initialise eTIMS again in Settings → eTIMS.`);
    }
    if (!envelope.success) {
      // An HTML page from a gateway, or nothing: KRA (or something in front of it) is down. Whether a
      // write got through before it failed is not known.
      const what = /<html|<!doctype/i.test(text) ? 'a web page instead of data' : text.trim() === '' ? 'nothing' : `something Billbook cannot read (“${shortText(text, 80)}”)`;
      throw new JobFailure('transient', `${LABEL} answered with ${what} (HTTP ${status}): its service looks down; Billbook will try again.`, parseRetryAfter(retryAfter), options.write);
    }
    if (status >= 500 || status === 408) {
      throw new JobFailure('transient', `${LABEL} had a problem (HTTP ${status}: ${shortText(envelope.data.resultMsg, 120) || 'no message'}); Billbook will try again.`, parseRetryAfter(retryAfter), options.write);
    }
    return { envelope: envelope.data };
  }

  async function call<T>(method: string, body: JsonBody, schema: z.ZodType<T>, signal: AbortSignal, options: Options): Promise<OscuAnswer<T>> {
    const answer = await post(method, body, signal, options);
    if (answer === 'unsupported') return { ok: false, code: '912', message: `${method} is not offered by this server` };
    const { envelope } = answer;
    if (envelope.resultCd !== '000') return { ok: false, code: envelope.resultCd, message: envelope.resultMsg };
    const data = schema.safeParse(envelope.data ?? null);
    if (!data.success) {
      const problem = data.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).slice(0, 3).join('; ');
      throw new JobFailure('transient', `${LABEL} said it succeeded but its answer to ${method} is incomplete (${problem}).`, null, options.write);
    }
    return { ok: true, data: data.data, resultDt: envelope.resultDt ?? null };
  }

  return {
    initialise: (deviceSerial, signal) => call('selectInitOsdcInfo', { dvcSrlNo: deviceSerial }, deviceInfoSchema.transform((d) => d.info), signal, { write: false }),
    codeList: (lastReqDt, signal) => call('selectCodeList', { lastReqDt }, codeListSchema, signal, { write: false }),
    itemClasses: (lastReqDt, signal) => call('selectItemClsList', { lastReqDt }, itemClassListSchema, signal, { write: false }),
    saveItem: (item, signal) => call('saveItem', item, z.unknown().transform(() => null), signal, { write: true }),
    saveSale: (sale, signal) => call('saveTrnsSalesOsdc', sale, saleReceiptSchema, signal, { write: true }),
    async lookupSale(invoiceNo, signal) {
      const answer = await post(LOOKUP_METHOD, { invcNo: invoiceNo }, signal, { write: false, optional: true });
      if (answer === 'unsupported') return 'unsupported';
      const { envelope } = answer;
      if (envelope.resultCd === '001') return { ok: true, data: null, resultDt: envelope.resultDt ?? null };
      if (envelope.resultCd !== '000') return { ok: false, code: envelope.resultCd, message: envelope.resultMsg };
      const data = saleLookupSchema.safeParse(envelope.data ?? {});
      if (!data.success) throw new JobFailure('transient', `${LABEL}'s answer about invoice number ${invoiceNo} is incomplete; Billbook will ask again.`);
      return { ok: true, data: data.data.sale ?? null, resultDt: envelope.resultDt ?? null };
    },
  };
}

/** "20261118101502" -> "2026-11-18 10:15:02". */
export function kraDateTime(stamp: string): string {
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)} ${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}`;
}

/** Kenya keeps UTC+3 all year: KRA's dates (YYYYMMDDhhmmss) are Nairobi time. */
export function nairobiStamp(at: Date | string): string {
  const t = new Date(typeof at === 'string' ? Date.parse(at) : at.getTime());
  const local = new Date(t.getTime() + 3 * 3600_000).toISOString();
  return local.slice(0, 19).replace(/[-T:]/g, '');
}
