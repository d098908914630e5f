// KRA eTIMS through an Online Sales Control Unit (OSCU): what a business sets up, how Billbook's
// VAT rates become KRA's tax bands, and what a signed invoice prints. Field names and codes follow
// KRA's OSCU specification v2.0 as the open clients quote it (paybillke/kra-etims-oscu-docs,
// ToshGitonga0/kra-etims docs/kra-contract-verification.md) and Odoo's l10n_ke_edi_oscu, which KRA
// certified: where those disagree, Odoo's working requests win (README, "KRA eTIMS", says where).
import { z } from 'zod';
import { oneLine } from '../text';
import type { TaxRateBp } from '../totals';

export const ETIMS_ENVIRONMENTS = ['sandbox', 'production'] as const;
export type EtimsEnvironment = (typeof ETIMS_ENVIRONMENTS)[number];
export const ETIMS_ENVIRONMENT_LABELS: Record<EtimsEnvironment, string> = {
  sandbox: 'Sandbox (KRA’s test server: nothing counts for tax)',
  production: 'Production (real invoices, reported to KRA)',
};

/** OSCU API roots (OSCU specification v2.0 §1.2; Odoo res_company._l10n_ke_oscu_get_base_url). */
export const ETIMS_BASE_URLS: Record<EtimsEnvironment, string> = {
  sandbox: 'https://etims-api-sbx.kra.go.ke/etims-api',
  production: 'https://etims-api.kra.go.ke/etims-api',
};

/** KRA's page that shows a signed invoice to anyone holding it (Odoo account_move._compute_l10n_ke_oscu_receipt_url). */
export const ETIMS_VERIFY_URLS: Record<EtimsEnvironment, string> = {
  sandbox: 'https://etims-sbx.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData',
  production: 'https://etims.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData',
};

const httpsOrLocal = z
  .url({ protocol: /^https?$/, error: 'Use an https:// address' })
  .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url), 'Use https:// (plain http only for a server on this computer)');

/** Settings → eTIMS. Shared by every computer of the organisation; the communication key is not here (secret store). */
export const etimsSettingsSchema = z.object({
  /** On once this business transmits: set by a successful Initialise, off by the person. */
  enabled: z.boolean().default(false),
  environment: z.enum(ETIMS_ENVIRONMENTS).default('sandbox'),
  /** KRA's branch id: "00" is the head office. */
  branchId: z.string().trim().regex(/^\d{2}$/, 'Two digits, like 00 for the head office').default('00'),
  /** The device serial KRA registered for this branch's OSCU (on the eTIMS portal's OSCU application). */
  deviceSerial: oneLine(z.string().trim().max(100, 'At most 100 characters')).default(''),
  /** Empty: the environment's own address. Set only for a proxy. */
  baseUrl: z.union([z.literal(''), httpsOrLocal]).default(''),
  /**
   * The one computer that transmits for the branch (KRA wants the branch's invoice numbers in order with
   * no gap and no repeat, so exactly one place hands them out); other computers' invoices reach it by sync.
   */
  transmitter: z
    .object({ deviceId: z.string().max(64).default(''), name: oneLine(z.string().max(120)).default('') })
    .default({ deviceId: '', name: '' }),
  /** The classification a line takes when neither it nor its catalog item has one. */
  defaultClassCode: z.string().trim().regex(/^\d{0,10}$/, 'A classification code is up to 10 digits').default(''),
  /** When transmitting began (ISO): documents finalized before are not sent. */
  activeFrom: z.string().max(40).default(''),
  /** KRA's own pace is not published; the queue never sends faster than this. */
  requestsPerMinute: z.number().int('A whole number').min(1, 'At least 1').max(6000, 'At most 6,000').default(120),
  timeoutSeconds: z.number().int().min(5, 'At least 5 seconds').max(120, 'At most 120 seconds').default(30),
});
export type EtimsSettings = z.output<typeof etimsSettingsSchema>;

export function etimsBaseUrl(settings: Pick<EtimsSettings, 'baseUrl' | 'environment'>, override: string | null): string {
  return (override ?? (settings.baseUrl || ETIMS_BASE_URLS[settings.environment])).replace(/\/+$/, '');
}

// ---- tax bands --------------------------------------------------------------------------------

/** KRA's taxation types (code class 04): A exempt, B 16%, C 0%, D non-VAT, E 8%. */
export const TAX_BANDS = ['A', 'B', 'C', 'D', 'E'] as const;
export type TaxBand = (typeof TAX_BANDS)[number];
export const TAX_BAND_LABELS: Record<TaxBand, string> = { A: 'A Exempt', B: 'B 16%', C: 'C 0%', D: 'D Non-VAT', E: 'E 8%' };
/** The rate each band is sent with (taxRtA…E, in percent). */
export const TAX_BAND_PERCENT: Record<TaxBand, number> = { A: 0, B: 16, C: 0, D: 0, E: 8 };

/** The band of a Billbook rate, or null when KRA has no band for it (say, an old 14%). */
export function taxBandOf(rateBp: TaxRateBp): TaxBand | null {
  if (rateBp === null) return 'A';
  if (rateBp === 1600) return 'B';
  if (rateBp === 0) return 'C';
  if (rateBp === 800) return 'E';
  return null;
}

// ---- codes -------------------------------------------------------------------------------------

/** Code classes (cdCls) of selectCodeList Billbook uses. */
export const CODE_CLASSES = {
  taxType: '04',
  country: '05',
  paymentType: '07',
  quantityUnit: '10',
  packagingUnit: '17',
  itemType: '24',
  refundReason: '32',
} as const;
export type CodeClassName = keyof typeof CODE_CLASSES;

export interface EtimsCode {
  code: string;
  name: string;
}

/** Item types (code class 24). */
export const ITEM_TYPES = [
  { code: '1', name: 'Raw material' },
  { code: '2', name: 'Finished product' },
  { code: '3', name: 'Service' },
] as const;

export interface EtimsItemClass {
  code: string;
  name: string;
  /** The band KRA expects for this classification, when it says. */
  taxType: string | null;
}

/** What a catalog item carries for eTIMS. */
export const itemEtimsSchema = z.object({
  classCode: z.string().trim().regex(/^\d{0,10}$/, 'A classification code is up to 10 digits').default(''),
  itemType: z.enum(['', '1', '2', '3']).default(''),
  packagingUnit: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{0,5}$/, 'A packaging unit code, like NT').default(''),
  quantityUnit: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{0,5}$/, 'A quantity unit code, like U').default(''),
  originCountry: z.string().trim().toUpperCase().regex(/^([A-Z]{2})?$/, 'A two-letter country code, like KE').default(''),
});
export type ItemEtims = z.output<typeof itemEtimsSchema>;

export interface ItemEtimsView extends ItemEtims {
  /** The code KRA knows the item by once registered (e.g. KE2NTU0000007); '' before. */
  itemCode: string;
  classLabel: string;
}

// ---- a document's state ----------------------------------------------------------------------

export const ETIMS_STATES = ['not_applicable', 'awaiting', 'sending', 'in_doubt', 'signed', 'failed'] as const;
export type EtimsState = (typeof ETIMS_STATES)[number];
export const ETIMS_STATE_LABELS: Record<EtimsState, string> = {
  not_applicable: 'Not sent to eTIMS',
  awaiting: 'Awaiting eTIMS',
  sending: 'Sending to eTIMS',
  in_doubt: 'Checking with KRA',
  signed: 'Signed by KRA eTIMS',
  failed: 'eTIMS refused it',
};

/** KRA's answer, kept on the invoice or credit note for good. */
export interface EtimsReceipt {
  /** KRA's invoice number for the branch (invcNo): in order, no gap, no repeat. */
  invoiceNo: number;
  /** The control unit's id (sdcId), e.g. KRACU0100000001. */
  cuId: string;
  /** curRcptNo and totRcptNo. */
  receiptNo: number;
  totalReceiptNo: number;
  internalData: string;
  signature: string;
  /** The control unit's date and time as KRA gave it, "YYYY-MM-DD HH:MM:SS" (Nairobi time). */
  signedAt: string;
  verifyUrl: string;
}

export interface EtimsStatus {
  state: EtimsState;
  receipt: EtimsReceipt | null;
  /** What went wrong and what to fix, when it failed or waits on a problem. */
  message: string | null;
  /** When the document joined the line to KRA (ISO), when it did. */
  queuedAt: string | null;
}

/** What an invoice, its PDF and a receipt print about eTIMS. */
export interface EtimsPrint {
  state: 'signed' | 'awaiting';
  /** "KRACU0100000001/8 NS". */
  cuInvoiceNo: string;
  cuId: string;
  /** KRA's invoice number, "17". */
  kraInvoiceNo: string;
  internalData: string;
  signature: string;
  /** "18 Nov 2026 10:15:02". */
  signedAt: string;
  verifyUrl: string;
  /** The QR code's modules, one string of 0s and 1s per row, to draw as squares. */
  qr: string[];
  /** A credit note cites the invoice it corrects. */
  originalCuInvoiceNo: string | null;
}

/** "ABCDEFGH" -> "ABCD-EFGH": internal data and signature in groups of four, as KRA prints them. */
export function inFours(text: string): string {
  return (text.match(/.{1,4}/g) ?? []).join('-');
}

/** The receipt label after the counter: NS a normal sale, NC a normal credit note (TIS specification's receipt types). */
export function cuInvoiceNo(cuId: string, receiptNo: number, kind: 'invoice' | 'credit_note'): string {
  return `${cuId}/${receiptNo} ${kind === 'invoice' ? 'NS' : 'NC'}`;
}

export function verifyUrlOf(environment: EtimsEnvironment, pin: string, branchId: string, signature: string): string {
  return `${ETIMS_VERIFY_URLS[environment]}?Data=${pin}${branchId}${signature}`;
}

// ---- Settings and the report ------------------------------------------------------------------

export interface EtimsSetupView {
  settings: EtimsSettings;
  /** The KRA PIN from the business profile (sent as tin). */
  pin: string;
  vatRegistered: boolean;
  /** This computer's id and name, for "this computer transmits". */
  thisDevice: { id: string; name: string };
  thisComputerTransmits: boolean;
  /** This computer holds a communication key for the settings in force. */
  initialised: boolean;
  /** What KRA said at initialisation (this computer only). */
  device: { cuId: string; mrcNo: string; deviceId: string; taxpayerName: string; branchName: string; initialisedAt: string } | null;
  codes: { refreshedAt: string | null; classes: number; codes: number };
  /** Set when BILLBOOK_ETIMS_BASE_URL overrides the address. */
  baseUrlOverride: string | null;
  /** The address requests go to now. */
  effectiveBaseUrl: string;
  counts: { awaiting: number; failed: number; inDoubt: number };
  /** What stops transmitting, in words a person can act on; null when nothing does. */
  problem: string | null;
}

export const ETIMS_REPORT_STATES = ['signed', 'awaiting', 'failed'] as const;
export type EtimsReportState = (typeof ETIMS_REPORT_STATES)[number];

export interface EtimsReportRow {
  kind: 'invoice' | 'credit_note';
  id: string;
  /** The invoice the row is (or, for a credit note, corrects). */
  invoiceId: string;
  number: string;
  issueDate: string;
  customerName: string;
  currency: string;
  totalMinor: number;
  taxMinor: number;
  state: EtimsState;
  kraInvoiceNo: number | null;
  cuInvoiceNo: string | null;
  signedAt: string | null;
  message: string | null;
  /** Days it has waited, counting working days only. */
  workingDaysWaiting: number | null;
}

export interface EtimsReport {
  from: string;
  to: string;
  counts: Record<EtimsReportState, number>;
  rows: EtimsReportRow[];
}
