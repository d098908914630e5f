// KRA's refusals (resultCd other than 000, OSCU specification §4.18 "API response code") as what a
// person can act on. KRA's own words are kept after ours: they often name the field.
import { JobFailure } from '../jobs/failure';
import { shortText } from '../send/sms/http';

/** How a refusal of a sale is read: a problem with the invoice to fix, KRA having the number already, or KRA's side. */
export type RefusalKind = 'fix' | 'duplicate' | 'device' | 'kra';

export interface Refusal {
  kind: RefusalKind;
  /** Our short name for it, kept with the document (and shown in the report). */
  code: string;
  message: string;
}

const said = (code: string, text: string) => ` (KRA: ${code}${text ? ` ${shortText(text, 160)}` : ''})`;

/**
 * A refusal of saveTrnsSalesOsdc. `what` names the document ("INV-2026-0007"), `invoiceNo` the
 * number KRA was asked to record it under.
 */
export function saleRefusal(code: string, text: string, what: string, invoiceNo: number, branchId: string): Refusal {
  const words = text.toLowerCase();
  if (code === '994') {
    return {
      kind: 'duplicate', code: 'duplicate_number',
      message: `KRA already has eTIMS invoice number ${invoiceNo} for branch ${branchId}, so it did not record ${what}. Another computer or program is transmitting for this branch: make this computer the only one (Settings → eTIMS → “This computer transmits”), then use Retry; ${what} will take the next free number.${said(code, text)}`,
    };
  }
  if (code === '901' || code === '900' || code === '903') {
    return { kind: 'device', code: 'device', message: `KRA does not recognise this computer's eTIMS device (PIN, branch or communication key). Initialise eTIMS again in Settings → eTIMS, then use Retry.${said(code, text)}` };
  }
  if (code === '910' || code === '911' || code === '893' || code.startsWith('9') === false) {
    if (/itemcd|item code/.test(words) && /exist|found|regist|unknown|invalid/.test(words)) {
      return { kind: 'fix', code: 'unknown_item', message: `KRA does not know an item code on ${what}. Check the items' eTIMS details (Items → the item → eTIMS), then use Retry: Billbook registers them again first.${said(code, text)}` };
    }
    if (/itemclscd|classification/.test(words)) {
      return { kind: 'fix', code: 'bad_classification', message: `KRA refused an item classification code on ${what}. Choose another classification for the item (Items → the item → eTIMS) or a default one (Settings → eTIMS), then use Retry.${said(code, text)}` };
    }
    if (/taxtycd|tax type|taxamt|taxrt|taxbl/.test(words)) {
      return { kind: 'fix', code: 'wrong_tax_band', message: `KRA says a tax band on ${what} is wrong for what is sold. Check that each item's VAT rate matches its KRA classification (an exempt item cannot carry 16%), correct it with a credit note and a new invoice if needed, then use Retry.${said(code, text)}` };
    }
    if (/custtin|customer pin|tin/.test(words)) {
      return { kind: 'fix', code: 'customer_pin', message: `KRA refused the customer's PIN on ${what}. Check the customer's KRA PIN (Customers → the customer), then use Retry.${said(code, text)}` };
    }
    return { kind: 'fix', code: 'refused', message: `KRA refused ${what}: check the invoice and its items' eTIMS details, then use Retry.${said(code, text)}` };
  }
  // 9xx other than the above: KRA's side (registration errors, unknown errors, too many requests).
  return { kind: 'kra', code: 'kra_error', message: `KRA could not record ${what} just now; Billbook will try again.${said(code, text)}` };
}

/** A refusal of saveItem: the item's classification or units. */
export function itemRefusal(code: string, text: string, itemName: string): JobFailure {
  const words = text.toLowerCase();
  if (code === '901' || code === '900') {
    return new JobFailure('permanent', `KRA does not recognise this computer's eTIMS device. Initialise eTIMS again in Settings → eTIMS, then use Retry.${said(code, text)}`);
  }
  if (code.startsWith('99') && code !== '994') return new JobFailure('transient', `KRA could not register “${itemName}” just now; Billbook will try again.${said(code, text)}`);
  const field = /itemclscd|classification/.test(words) ? 'its KRA classification' : /pkgunitcd|packag/.test(words) ? 'its packaging unit' : /qtyunitcd|quantity unit/.test(words) ? 'its quantity unit' : /orgnnatcd|origin|nation/.test(words) ? 'its country of origin' : /taxtycd|tax/.test(words) ? 'its VAT rate against its classification' : 'its eTIMS details';
  return new JobFailure('permanent', `KRA refused the item “${itemName}”: check ${field} (Items → ${itemName} → eTIMS, or the default classification in Settings → eTIMS), then use Retry.${said(code, text)}`);
}

/** A refusal of selectInitOsdcInfo. */
export function initialiseRefusal(code: string, text: string, serial: string, branchId: string): string {
  if (code === '902') {
    return `KRA says device ${serial} is already initialised for branch ${branchId}: its communication key was given out before (to this computer before it was reinstalled, or to another). If another computer holds it, make that one transmit; otherwise ask KRA (eTIMS support) to reset the device, then Initialise again.${said(code, text)}`;
  }
  if (code === '901') return `KRA does not know device serial ${serial} for this PIN and branch ${branchId}. Check the serial and branch against your OSCU approval on the eTIMS portal.${said(code, text)}`;
  if (code === '903') return `KRA says this PIN and branch use a VSCU, not an OSCU, so Billbook cannot initialise it.${said(code, text)}`;
  return `KRA refused to initialise device ${serial}: check the PIN (Business profile), branch and device serial.${said(code, text)}`;
}
