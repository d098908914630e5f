// Settings → eTIMS and the report: initialising this computer's device (selectInitOsdcInfo, the key
// to the secret store), choosing the computer that transmits, KRA's code lists, and what was
// transmitted, is waiting or was refused in a period, with a CSV for the accountant.
import Papa from 'papaparse';
import { cuInvoiceNo, etimsBaseUrl, taxBandOf, type EtimsCode, type EtimsItemClass, type EtimsReport, type EtimsReportRow, type EtimsSetupView, type EtimsState } from '../../../shared/domain/etims';
import { AppError } from '../../../shared/errors';
import { spreadsheetSafe } from '../../../shared/csv';
import { businessDate } from '../clock';
import type { CoreContext } from '../context';
import { readMeta, writeMeta } from '../reminders/state';
import { readSettings, updateSettings } from '../settings/service';
import { LABEL } from './client';
import { workingDaysBetween } from './dates';
import { initialiseRefusal } from './errors';
import { queueAwaiting } from './queue';
import * as repo from './repo';
import { bindingOf, clientFor, etimsSetup, saveDevice, setupProblem, thisDevice } from './setup';
import { CODE_CLASSES } from '../../../shared/domain/etims';
import { asJobFailure } from '../jobs/failure';
import { billToPart, taxSummaryOfStored } from '../db/invoiceForms';

const CODES_REFRESHED = 'etims.codes_refreshed_at';

export function setupView(ctx: CoreContext): EtimsSetupView {
  const setup = etimsSetup(ctx);
  const me = thisDevice(ctx);
  const device = setup.initialised ? setup.device : null;
  return {
    settings: setup.settings,
    pin: setup.pin,
    vatRegistered: setup.vatRegistered,
    thisDevice: me,
    thisComputerTransmits: setup.thisComputerTransmits,
    initialised: setup.initialised,
    device: device ? { cuId: device.cuId, mrcNo: device.mrcNo, deviceId: device.deviceId, taxpayerName: device.taxpayerName, branchName: device.branchName, initialisedAt: device.initialisedAt } : null,
    codes: { refreshedAt: readMeta(ctx, CODES_REFRESHED), ...repo.codeCounts(ctx.sql) },
    baseUrlOverride: ctx.overrides.etimsBaseUrl,
    effectiveBaseUrl: setup.baseUrl,
    counts: repo.countOpen(ctx.sql),
    problem: setup.settings.enabled || setup.initialised ? setupProblem(setup) : null,
  };
}

/** Turns a network failure into words for the Settings screen (the queue's classes say the same). */
async function reach<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unavailable', asJobFailure(error).message);
  }
}

/**
 * Registers this computer's device with KRA (selectInitOsdcInfo): the communication key goes to the
 * secret store, KRA's ids to this computer's meta, and this computer becomes the one that transmits.
 */
export async function initialise(ctx: CoreContext): Promise<EtimsSetupView> {
  const settings = readSettings(ctx);
  const pin = settings.business.taxId.trim().toUpperCase();
  if (!settings.business.vatRegistered) throw new AppError('conflict', 'Only a VAT-registered business transmits to eTIMS: say so in Settings → Business profile first.');
  if (!/^[AP]\d{9}[A-Z]$/.test(pin)) throw new AppError('invalid_input', 'Enter the business’s KRA PIN in Settings → Business profile first (like P051234567X): KRA initialises a device for a PIN.');
  if (!settings.etims.deviceSerial) throw new AppError('invalid_input', 'Enter the device serial KRA approved for this branch’s OSCU, then Initialise.', { deviceSerial: 'Enter the device serial' });
  const baseUrl = etimsBaseUrl(settings.etims, ctx.overrides.etimsBaseUrl);
  const client = clientFor(ctx, { ...etimsSetup(ctx), baseUrl, pin, key: null });
  const answer = await reach(() => client.initialise(settings.etims.deviceSerial, AbortSignal.timeout(settings.etims.timeoutSeconds * 1000 + 1000)));
  if (!answer.ok) throw new AppError('conflict', initialiseRefusal(answer.code, answer.message, settings.etims.deviceSerial, settings.etims.branchId));
  const info = answer.data;
  const at = ctx.clock.now().toISOString();
  ctx.secrets.set('etimsCommunicationKey', info.cmcKey);
  ctx.sql.transaction(() => {
    saveDevice(ctx, {
      cuId: info.sdcId, mrcNo: info.mrcNo ?? '', deviceId: info.dvcId ?? '', taxpayerName: info.taxprNm ?? '', branchName: info.bhfNm ?? '', initialisedAt: at,
      boundTo: bindingOf(baseUrl, pin, settings.etims),
    });
    // A new device at KRA knows none of the items registered under an old one.
    repo.forgetRegistered(ctx.sql);
  });
  const me = thisDevice(ctx);
  updateSettings(ctx, { etims: { enabled: true, transmitter: { deviceId: me.id, name: me.name }, activeFrom: settings.etims.activeFrom || at } });
  // The code lists come with it; a failure there leaves the device initialised (Refresh tries again).
  try {
    await refreshCodes(ctx);
  } catch {
    // Shown by the section as "not fetched yet".
  }
  queueAwaiting(ctx);
  return setupView(ctx);
}

/** Makes this computer the one that transmits for the branch (it must then be initialised here). */
export function takeOverTransmitting(ctx: CoreContext): EtimsSetupView {
  const me = thisDevice(ctx);
  updateSettings(ctx, { etims: { transmitter: { deviceId: me.id, name: me.name } } });
  queueAwaiting(ctx);
  return setupView(ctx);
}

/** Fetches KRA's code lists and item classifications (all of them: they are small enough, and KRA changes old ones too). */
export async function refreshCodes(ctx: CoreContext): Promise<EtimsSetupView> {
  const setup = etimsSetup(ctx);
  if (!setup.initialised) throw new AppError('conflict', 'Initialise eTIMS on this computer first: KRA gives its code lists to an initialised device.');
  const client = clientFor(ctx, setup);
  const signal = () => AbortSignal.timeout(setup.settings.timeoutSeconds * 1000 * 2);
  const codes = await reach(() => client.codeList('20180101000000', signal()));
  if (!codes.ok && codes.code !== '001') throw new AppError('unavailable', `${LABEL} did not give its code lists (${codes.code} ${codes.message}).`);
  const classes = await reach(() => client.itemClasses('20180101000000', signal()));
  if (!classes.ok && classes.code !== '001') throw new AppError('unavailable', `${LABEL} did not give its item classifications (${classes.code} ${classes.message}).`);
  ctx.sql.transaction(() => {
    for (const cls of codes.ok ? codes.data.clsList : []) {
      for (const d of cls.dtlList) {
        repo.upsertCode(ctx.sql, {
          class: cls.cdCls, code: d.cd, name: d.cdNm ?? d.cd, description: d.cdDesc ?? '', sort: Number(d.srtOrd ?? 0) || 0, extra: d.userDfnCd1 ?? '',
          in_use: d.useYn === 'N' ? 0 : 1,
        });
      }
    }
    for (const c of classes.ok ? classes.data.itemClsList : []) {
      repo.upsertItemClass(ctx.sql, { code: c.itemClsCd, name: c.itemClsNm ?? c.itemClsCd, level: c.itemClsLvl === null || c.itemClsLvl === undefined ? null : Number(c.itemClsLvl), tax_type: c.taxTyCd ?? null, in_use: c.useYn === 'N' ? 0 : 1 });
    }
    writeMeta(ctx, CODES_REFRESHED, ctx.clock.now().toISOString());
  });
  ctx.events.emit('settings.changed', {});
  return setupView(ctx);
}

export function codeList(ctx: CoreContext, name: keyof typeof CODE_CLASSES): EtimsCode[] {
  return repo.codesOf(ctx.sql, CODE_CLASSES[name]).map((c) => ({ code: c.code, name: c.name }));
}

export function searchClasses(ctx: CoreContext, query: string, limit: number): EtimsItemClass[] {
  return repo.searchItemClasses(ctx.sql, query, limit).map((c) => ({ code: c.code, name: c.name, taxType: c.tax_type }));
}

// ---- the report ----------------------------------------------------------------------------------

interface ReportDbRow extends repo.ReceiptColumns {
  kind: repo.DocumentKind;
  id: string;
  invoice_id: string;
  number: string;
  issue_date: string;
  customer_name: string | null;
  customer_pin: string | null;
  currency: string;
  total_minor: number;
  tax_minor: number;
  tax_summary: string;
  at: string | null;
  q_state: repo.QueueState | null;
  q_message: string | null;
  q_queued_at: string | null;
}

function reportRows(ctx: CoreContext, from: string, to: string): ReportDbRow[] {
  const setup = etimsSetup(ctx);
  // Documents eTIMS applies to: those signed, and the others made since eTIMS began (not imported, not voided before going).
  const since = setup.settings.activeFrom || '9999';
  return ctx.sql
    .prepare(
      `SELECT 'invoice' AS kind, i.id, i.id AS invoice_id, i.number, i.issue_date, ${billToPart('i.bill_to', 'name')} AS customer_name,
         ${billToPart('i.bill_to', 'taxId')} AS customer_pin, i.currency, i.total_minor, i.tax_minor, i.tax_summary, i.finalized_at AS at,
         i.etims_invoice_no, i.etims_cu_id, i.etims_receipt_no, i.etims_total_receipt_no, i.etims_internal_data, i.etims_signature, i.etims_signed_at, i.etims_verify_url,
         q.state AS q_state, q.message AS q_message, q.queued_at AS q_queued_at
       FROM invoices i LEFT JOIN etims_queue q ON q.document_kind = 'invoice' AND q.document_id = i.id
       WHERE i.status <> 'draft' AND i.issue_date BETWEEN @from AND @to
         AND (i.etims_signature IS NOT NULL OR (i.status <> 'void' AND i.source <> 'import' AND i.finalized_at >= @since))
       UNION ALL
       SELECT 'credit_note', cn.id, cn.invoice_id, cn.number, cn.issue_date, ${billToPart('i.bill_to', 'name')}, ${billToPart('i.bill_to', 'taxId')}, cn.currency,
         cn.amount_minor, cn.tax_minor, cn.tax_summary, cn.created_at,
         cn.etims_invoice_no, cn.etims_cu_id, cn.etims_receipt_no, cn.etims_total_receipt_no, cn.etims_internal_data, cn.etims_signature, cn.etims_signed_at, cn.etims_verify_url,
         q.state, q.message, q.queued_at
       FROM credit_notes cn JOIN invoices i ON i.id = cn.invoice_id LEFT JOIN etims_queue q ON q.document_kind = 'credit_note' AND q.document_id = cn.id
       WHERE cn.deleted_at IS NULL AND cn.issue_date BETWEEN @from AND @to
         AND (cn.etims_signature IS NOT NULL OR (i.source <> 'import' AND cn.created_at >= @since AND i.finalized_at >= @since))
       ORDER BY issue_date, number`,
    )
    .all({ from, to, since }) as ReportDbRow[];
}

function stateOf(row: ReportDbRow): EtimsState {
  if (row.etims_signature) return 'signed';
  if (row.q_state === 'failed') return 'failed';
  if (row.q_state === 'sending') return 'sending';
  if (row.q_state === 'in_doubt') return 'in_doubt';
  if (row.q_state === 'cancelled') return 'not_applicable';
  return 'awaiting';
}

export function report(ctx: CoreContext, from: string, to: string): EtimsReport {
  const now = ctx.clock.now();
  const rows: EtimsReportRow[] = reportRows(ctx, from, to)
    .map((r) => {
      const state = stateOf(r);
      return {
        kind: r.kind, id: r.id, invoiceId: r.invoice_id, number: r.number, issueDate: r.issue_date, customerName: r.customer_name ?? '', currency: r.currency,
        totalMinor: r.total_minor, taxMinor: r.tax_minor, state,
        kraInvoiceNo: r.etims_invoice_no, cuInvoiceNo: r.etims_signature && r.etims_cu_id ? cuInvoiceNo(r.etims_cu_id, r.etims_receipt_no ?? 0, r.kind) : null,
        signedAt: r.etims_signed_at, message: r.q_message,
        workingDaysWaiting: state === 'signed' ? null : workingDaysBetween(r.q_queued_at ?? r.at ?? now.toISOString(), now),
      };
    })
    .filter((r) => r.state !== 'not_applicable');
  const counts = { signed: 0, awaiting: 0, failed: 0 };
  for (const r of rows) counts[r.state === 'signed' ? 'signed' : r.state === 'failed' ? 'failed' : 'awaiting'] += 1;
  return { from, to, counts, rows };
}

const STATE_WORDS: Record<EtimsState, string> = {
  not_applicable: 'Not sent', awaiting: 'Awaiting eTIMS', sending: 'Sending', in_doubt: 'Checking with KRA', signed: 'Signed', failed: 'Refused',
};

const money = (minor: number) => (minor / 100).toFixed(2);

/** The period's documents for the accountant: one row each, the VAT bands apart, and KRA's signature details. */
export function exportReport(ctx: CoreContext, from: string, to: string): { fileName: string; csvText: string; rows: number } {
  const headers = [
    'Document', 'Number', 'Date', 'Customer', 'Customer PIN', 'Currency', 'Exempt (A)', 'Taxable 16% (B)', 'VAT 16% (B)', 'Zero-rated (C)', 'Taxable 8% (E)', 'VAT 8% (E)',
    'Total', 'eTIMS', 'KRA invoice no.', 'CU invoice no.', 'Internal data', 'Signature', 'Signed at', 'Problem',
  ];
  const data = reportRows(ctx, from, to)
    .filter((r) => stateOf(r) !== 'not_applicable')
    .map((r) => {
      const bands = { A: 0, B: 0, Btax: 0, C: 0, E: 0, Etax: 0 };
      for (const s of taxSummaryOfStored(r.tax_summary)) {
        const band = taxBandOf(s.taxRateBp);
        if (band === 'A') bands.A += s.netMinor;
        else if (band === 'B') { bands.B += s.netMinor; bands.Btax += s.taxMinor; }
        else if (band === 'C') bands.C += s.netMinor;
        else if (band === 'E') { bands.E += s.netMinor; bands.Etax += s.taxMinor; }
      }
      const state = stateOf(r);
      return [
        r.kind === 'invoice' ? 'Invoice' : 'Credit note', r.number, r.issue_date, r.customer_name ?? '', r.customer_pin ?? '', r.currency,
        money(bands.A), money(bands.B), money(bands.Btax), money(bands.C), money(bands.E), money(bands.Etax), money(r.total_minor), STATE_WORDS[state],
        r.etims_invoice_no === null ? '' : String(r.etims_invoice_no), r.etims_signature && r.etims_cu_id ? cuInvoiceNo(r.etims_cu_id, r.etims_receipt_no ?? 0, r.kind) : '',
        r.etims_internal_data ?? '', r.etims_signature ?? '', r.etims_signed_at ?? '', r.q_message ?? '',
      ];
    });
  const csvText = Papa.unparse({ fields: headers, data: data.map((row) => row.map(spreadsheetSafe)) }, { newline: '\r\n' });
  return { fileName: `etims-${from}-to-${to}-${businessDate(ctx.clock.now())}.csv`, csvText: `\uFEFF${csvText}\r\n`, rows: data.length };
}
