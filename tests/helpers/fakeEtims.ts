// A local HTTP server that speaks KRA eTIMS's OSCU JSON API closely enough to check what Billbook
// sends: initialisation (selectInitOsdcInfo), code lists (selectCodeList, selectItemClsList), items
// (saveItem, selectItemList), sales (saveTrnsSalesOsdc, and the newer "look up invoice details"),
// stock (insertStockIO, saveStockMaster). Built from the published request and response fields
// (paybillke/kra-etims-oscu-docs, ToshGitonga0/kra-etims, Odoo l10n_ke_edi_oscu's tests): it checks
// who is calling (tin, bhfId, cmcKey headers), the required fields, that the bands and totals add up,
// that items are registered and classifications and units exist, and that an invoice number is never
// taken twice (994). Scriptable to fail like the real one: refusals, HTTP errors and HTML pages,
// answers that never come, and answers lost after the sale was recorded.
// No test-framework imports: vitest tests, the bench and the Playwright test process all start it.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeEtimsRequest {
  at: number;
  /** The OSCU method, e.g. "saveTrnsSalesOsdc". */
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** The HTTP status answered, 'held' while held, 'lost' when the connection was dropped. */
  answer: number | 'held' | 'lost';
  resultCd: string | null;
}

export interface FakeSale {
  invcNo: number;
  rcptTyCd: string;
  request: Record<string, unknown>;
  receipt: { curRcptNo: number; totRcptNo: number; intrlData: string; rcptSign: string; sdcDateTime: string };
}

export type FakeEtimsStep =
  /** Answer as the server would (the default once steps run out). */
  | { kind: 'normal'; delayMs?: number }
  /** KRA's refusal with this code, HTTP 200 (e.g. 994, 910 "itemClsCd ... invalid"). */
  | { kind: 'result'; resultCd: string; resultMsg: string }
  /** An HTTP error; `html` answers a gateway's error page instead of JSON. */
  | { kind: 'http'; status: number; html?: boolean }
  /** Never answer (until release() or close()): the client times out. Nothing is recorded. */
  | { kind: 'hold' }
  /** Record the sale, then never answer: KRA took it, the answer never comes. */
  | { kind: 'acceptThenHold' }
  /** Record the sale, then drop the connection: KRA took it, the answer is lost on the way. */
  | { kind: 'acceptThenDrop' };

export interface FakeEtimsOptions {
  /** The taxpayer PIN and branch it serves; any when not given. */
  pin?: string;
  branchId?: string;
  /** Device serials KRA approved; any when not given. */
  serials?: string[];
  /** Whether "look up invoice details" is offered (default true); without it, the lookup is a 404 page. */
  lookup?: boolean;
  /** The control unit's id, as KRA gives it. */
  sdcId?: string;
  /** The control unit's clock (default: now). */
  now?: () => Date;
  port?: number;
}

export interface FakeEtimsServer {
  /** The base URL to give the app (BILLBOOK_ETIMS_BASE_URL or the setting), e.g. "http://127.0.0.1:40123/etims-api". */
  readonly url: string;
  readonly port: number;
  readonly sdcId: string;
  readonly requests: FakeEtimsRequest[];
  /** Sales recorded, in the order they were recorded. */
  readonly sales: FakeSale[];
  /** Items registered by saveItem, by item code. */
  readonly items: Map<string, Record<string, unknown>>;
  readonly stock: Record<string, unknown>[];
  /** The communication key it gave, by device serial. */
  readonly keys: Map<string, string>;
  /** Steps for the next calls of one method (or of any, with '*'), in order. */
  script(method: string, ...steps: FakeEtimsStep[]): void;
  pending(method?: string): number;
  /** Answers every held request as it would have. */
  release(): void;
  /** Resolves when n requests of `method` have arrived. */
  waitFor(method: string, n: number, timeoutMs?: number): Promise<void>;
  /** Stops listening (the network is down) and starts again on the same port. */
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  close(): Promise<void>;
}

const base32 = (n: number) => {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(n)].map((b) => abc[b % 32]).join('');
};

/** KRA's date-time (YYYYMMDDhhmmss), Nairobi time. */
function kraStamp(at: Date): string {
  return new Date(at.getTime() + 3 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

const CODE_LISTS: { cdCls: string; cdClsNm: string; codes: [string, string, string?][] }[] = [
  { cdCls: '04', cdClsNm: 'Taxation Type', codes: [['A', 'A-Exempt', '0'], ['B', 'B-16.00%', '16'], ['C', 'C-0%', '0'], ['D', 'D-Non-VAT', '0'], ['E', 'E-8%', '8']] },
  { cdCls: '05', cdClsNm: 'Country', codes: [['KE', 'KENYA'], ['UG', 'UGANDA'], ['TZ', 'TANZANIA'], ['RW', 'RWANDA'], ['CN', 'CHINA'], ['IN', 'INDIA'], ['AE', 'UNITED ARAB EMIRATES'], ['ZA', 'SOUTH AFRICA'], ['DE', 'GERMANY'], ['US', 'UNITED STATES']] },
  { cdCls: '07', cdClsNm: 'Payment Type', codes: [['01', 'CASH'], ['02', 'CREDIT'], ['03', 'CASH/CREDIT'], ['04', 'BANK CHECK'], ['05', 'DEBIT&CREDIT CARD'], ['06', 'MOBILE MONEY'], ['07', 'OTHER']] },
  { cdCls: '10', cdClsNm: 'Quantity Unit', codes: [['U', 'Pieces/item [Number]'], ['KG', 'Kilo-Gramme'], ['L', 'Litre'], ['M', 'Metre'], ['M2', 'Square Metre'], ['BG', 'bag'], ['BX', 'box'], ['DZ', 'Dozen'], ['TNE', 'tonne (metric ton)'], ['NO', 'Number'], ['SET', 'set'], ['PA', 'packet']] },
  { cdCls: '17', cdClsNm: 'Packing Unit', codes: [['NT', 'Net'], ['OU', 'Non-Exterior Packaging Unit'], ['BG', 'Bag'], ['BX', 'Box'], ['CT', 'Carton'], ['DR', 'Drum'], ['BE', 'Bundle'], ['RO', 'Roll'], ['CY', 'Cylinder']] },
  { cdCls: '24', cdClsNm: 'Item Type', codes: [['1', 'Raw Material'], ['2', 'Finished Product'], ['3', 'Service']] },
  { cdCls: '32', cdClsNm: 'Refund Reason', codes: [['01', 'Missing Quantity'], ['02', 'Missing data'], ['03', 'Damaged'], ['04', 'Wasted'], ['05', 'Raw Material Shortage'], ['06', 'Refund']] },
];

/** A sample of KRA's item classifications (UNSPSC-based), with the band KRA expects where it says. */
export const FAKE_ITEM_CLASSES: { itemClsCd: string; itemClsNm: string; itemClsLvl: number; taxTyCd: string | null }[] = [
  { itemClsCd: '30111601', itemClsNm: 'Cement', itemClsLvl: 4, taxTyCd: 'B' },
  { itemClsCd: '30111500', itemClsNm: 'Concrete and mortars', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '30102200', itemClsNm: 'Steel plate and sheet', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '31162800', itemClsNm: 'Miscellaneous hardware: nails and screws', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '43211500', itemClsNm: 'Computers', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '43232400', itemClsNm: 'Software: development', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '81112000', itemClsNm: 'Data services (web hosting)', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '82141500', itemClsNm: 'Graphic design', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '80111600', itemClsNm: 'Temporary personnel services', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '81121500', itemClsNm: 'Economic analysis and consultancy', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '78101800', itemClsNm: 'Road transport of goods', itemClsLvl: 3, taxTyCd: 'B' },
  { itemClsCd: '50221100', itemClsNm: 'Maize and cereals, unprocessed', itemClsLvl: 3, taxTyCd: 'A' },
  { itemClsCd: '50131700', itemClsNm: 'Milk, fresh', itemClsLvl: 3, taxTyCd: 'A' },
  { itemClsCd: '50192100', itemClsNm: 'Bread', itemClsLvl: 3, taxTyCd: 'C' },
  { itemClsCd: '15101500', itemClsNm: 'Petroleum and distillates: fuel', itemClsLvl: 3, taxTyCd: 'E' },
  { itemClsCd: '86101700', itemClsNm: 'Vocational training', itemClsLvl: 3, taxTyCd: 'A' },
  { itemClsCd: '85101500', itemClsNm: 'Medical practice services', itemClsLvl: 3, taxTyCd: 'A' },
  { itemClsCd: '99010000', itemClsNm: 'Goods and services not classified elsewhere', itemClsLvl: 2, taxTyCd: null },
];

const PERCENT: Record<string, number> = { A: 0, B: 16, C: 0, D: 0, E: 8 };
const cents = (value: unknown) => Math.round(Number(value) * 100);
const isAmount = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

export async function startFakeEtims(options: FakeEtimsOptions = {}): Promise<FakeEtimsServer> {
  const requests: FakeEtimsRequest[] = [];
  const sales: FakeSale[] = [];
  const items = new Map<string, Record<string, unknown>>();
  const stock: Record<string, unknown>[] = [];
  const keys = new Map<string, string>();
  const steps = new Map<string, FakeEtimsStep[]>();
  const held: (() => void)[] = [];
  const waiters: { method: string; n: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  const sdcId = options.sdcId ?? 'KRACU0300001234';
  const now = options.now ?? (() => new Date());
  const counters: Record<string, number> = {};
  let total = 0;

  const ok = (data: unknown) => ({ resultCd: '000', resultMsg: 'It is succeeded', resultDt: kraStamp(now()), data });
  const refuse = (resultCd: string, resultMsg: string) => ({ resultCd, resultMsg, resultDt: kraStamp(now()), data: null });

  function who(headers: Record<string, string>, body: Record<string, unknown>): string | null {
    const tin = headers.tin ?? '';
    const bhfId = headers.bhfid ?? '';
    const cmcKey = headers.cmckey ?? '';
    if (options.pin !== undefined && tin !== options.pin) return 'tin';
    if (options.branchId !== undefined && bhfId !== options.branchId) return 'bhfId';
    if (body.tin !== undefined && body.tin !== tin) return 'tin';
    if (body.bhfId !== undefined && body.bhfId !== bhfId) return 'bhfId';
    if (![...keys.values()].includes(cmcKey)) return 'cmcKey';
    return null;
  }

  function missing(body: Record<string, unknown>, fields: string[]): string | null {
    return fields.find((f) => body[f] === undefined || body[f] === null || body[f] === '') ?? null;
  }

  function saveItem(body: Record<string, unknown>) {
    const need = missing(body, ['itemCd', 'itemClsCd', 'itemTyCd', 'itemNm', 'orgnNatCd', 'pkgUnitCd', 'qtyUnitCd', 'taxTyCd', 'isrcAplcbYn', 'useYn', 'regrId', 'regrNm', 'modrId', 'modrNm']);
    if (need) return refuse('910', `Request parameter error: ${need} is required`);
    if (body.dftPrc === undefined || !isAmount(body.dftPrc)) return refuse('910', 'Request parameter error: dftPrc must be an amount');
    const klass = FAKE_ITEM_CLASSES.find((c) => c.itemClsCd === body.itemClsCd);
    if (!klass) return refuse('910', `itemClsCd ${String(body.itemClsCd)} is not a valid item classification code`);
    const inList = (cls: string, code: unknown) => CODE_LISTS.find((l) => l.cdCls === cls)!.codes.some(([c]) => c === code);
    if (!inList('17', body.pkgUnitCd)) return refuse('910', `pkgUnitCd ${String(body.pkgUnitCd)} is not a valid packaging unit code`);
    if (!inList('10', body.qtyUnitCd)) return refuse('910', `qtyUnitCd ${String(body.qtyUnitCd)} is not a valid quantity unit code`);
    if (!inList('05', body.orgnNatCd)) return refuse('910', `orgnNatCd ${String(body.orgnNatCd)} is not a valid country code`);
    if (!inList('04', body.taxTyCd)) return refuse('910', `taxTyCd ${String(body.taxTyCd)} is not a valid tax type`);
    if (klass.taxTyCd && klass.taxTyCd !== body.taxTyCd) return refuse('910', `taxTyCd ${String(body.taxTyCd)} does not match the tax type ${klass.taxTyCd} of item classification ${klass.itemClsCd}`);
    items.set(String(body.itemCd), body);
    return ok(null);
  }

  /** Everything KRA is known to check on a sale, and what this fake checks besides: the arithmetic. */
  function checkSale(body: Record<string, unknown>): { resultCd: string; resultMsg: string } | null {
    const need = missing(body, ['invcNo', 'trdInvcNo', 'rcptTyCd', 'salesSttsCd', 'cfmDt', 'salesDt', 'totItemCnt', 'prchrAcptcYn', 'regrId', 'regrNm', 'modrId', 'modrNm']);
    if (need) return refuse('910', `Request parameter error: ${need} is required`);
    if (!Number.isInteger(body.invcNo) || (body.invcNo as number) < 1) return refuse('910', 'Request parameter error: invcNo must be a positive whole number');
    if (!['S', 'R'].includes(String(body.rcptTyCd))) return refuse('910', 'Request parameter error: rcptTyCd must be S or R');
    if (!/^\d{14}$/.test(String(body.cfmDt)) || !/^\d{8}$/.test(String(body.salesDt))) return refuse('910', 'Request parameter error: cfmDt is YYYYMMDDhhmmss and salesDt YYYYMMDD');
    if (sales.some((s) => s.invcNo === body.invcNo)) return refuse('994', 'There is an overlapped Data');
    if (body.rcptTyCd === 'R' && !sales.some((s) => s.rcptTyCd === 'S' && s.invcNo === body.orgInvcNo)) {
      return refuse('910', `orgInvcNo ${String(body.orgInvcNo)} is not a sale of this branch`);
    }
    if (body.rcptTyCd === 'S' && body.orgInvcNo !== 0) return refuse('910', 'Request parameter error: orgInvcNo is 0 for a sale');
    if (body.custTin !== null && body.custTin !== undefined && !/^[AP]\d{9}[A-Z]$/.test(String(body.custTin))) return refuse('910', `custTin ${String(body.custTin)} is not a valid PIN`);
    const list = body.itemList as Record<string, unknown>[] | undefined;
    if (!Array.isArray(list) || list.length === 0) return refuse('910', 'Request parameter error: itemList is required');
    if (body.totItemCnt !== list.length) return refuse('910', 'totItemCnt does not match itemList');
    const bands: Record<string, { net: number; tax: number }> = { A: { net: 0, tax: 0 }, B: { net: 0, tax: 0 }, C: { net: 0, tax: 0 }, D: { net: 0, tax: 0 }, E: { net: 0, tax: 0 } };
    for (const [i, item] of list.entries()) {
      const needItem = missing(item, ['itemSeq', 'itemCd', 'itemNm', 'pkgUnitCd', 'qtyUnitCd', 'taxTyCd']);
      if (needItem) return refuse('910', `Request parameter error: itemList[${i}].${needItem} is required`);
      for (const f of ['pkg', 'qty', 'prc', 'splyAmt', 'dcRt', 'dcAmt', 'taxblAmt', 'taxAmt', 'totAmt']) {
        if (!isAmount(item[f])) return refuse('910', `Request parameter error: itemList[${i}].${f} must be a number with at most 2 decimals`);
      }
      const registered = items.get(String(item.itemCd));
      if (!registered) return refuse('910', `itemCd ${String(item.itemCd)} does not exist: register it with saveItem first`);
      const band = String(item.taxTyCd);
      if (!(band in bands)) return refuse('910', `taxTyCd ${band} is not a valid tax type`);
      if (registered.taxTyCd !== band) return refuse('910', `taxTyCd ${band} of itemList[${i}] does not match the tax type ${String(registered.taxTyCd)} of item ${String(item.itemCd)}`);
      const net = cents(item.taxblAmt);
      const tax = cents(item.taxAmt);
      // VAT on the taxable value, to the cent (a line priced VAT-inclusive may round a cent apart).
      if (Math.abs(tax - Math.round((net * PERCENT[band]!) / 100)) > 1) return refuse('910', `taxAmt of itemList[${i}] is not ${PERCENT[band]}% of its taxblAmt`);
      if (cents(item.totAmt) !== net + tax) return refuse('910', `totAmt of itemList[${i}] is not taxblAmt + taxAmt`);
      bands[band]!.net += net;
      bands[band]!.tax += tax;
    }
    let net = 0;
    let tax = 0;
    for (const [band, sum] of Object.entries(bands)) {
      if (cents(body[`taxblAmt${band}`]) !== sum.net) return refuse('910', `taxblAmt${band} is not the sum of its items`);
      if (cents(body[`taxAmt${band}`]) !== sum.tax) return refuse('910', `taxAmt${band} is not the sum of its items`);
      if (Number(body[`taxRt${band}`]) !== PERCENT[band]) return refuse('910', `taxRt${band} is not ${PERCENT[band]}`);
      net += sum.net;
      tax += sum.tax;
    }
    if (cents(body.totTaxblAmt) !== net || cents(body.totTaxAmt) !== tax || cents(body.totAmt) !== net + tax) return refuse('910', 'totTaxblAmt, totTaxAmt or totAmt do not add up');
    return null;
  }

  function recordSale(body: Record<string, unknown>): FakeSale {
    const type = String(body.rcptTyCd);
    counters[type] = (counters[type] ?? 0) + 1;
    total += 1;
    const sale: FakeSale = {
      invcNo: body.invcNo as number, rcptTyCd: type, request: body,
      receipt: { curRcptNo: counters[type]!, totRcptNo: total, intrlData: base32(26), rcptSign: base32(16), sdcDateTime: kraStamp(now()) },
    };
    sales.push(sale);
    return sale;
  }

  type Reply = { status: number; body: string; contentType: string } | 'hold' | 'drop';

  function handle(method: string, headers: Record<string, string>, body: Record<string, unknown>): { reply: Reply; result: string | null; delayMs?: number } {
    const step = (steps.get(method)?.shift() ?? steps.get('*')?.shift()) as FakeEtimsStep | undefined;
    const delayMs = step?.kind === 'normal' ? step.delayMs : undefined;
    const json = (value: { resultCd: string }, status = 200) => ({ reply: { status, body: JSON.stringify(value), contentType: 'application/json' } as Reply, result: value.resultCd, ...(delayMs ? { delayMs } : {}) });
    if (step?.kind === 'hold') return { reply: 'hold', result: null };
    if (step?.kind === 'result') return json(refuse(step.resultCd, step.resultMsg));
    if (step?.kind === 'http') {
      const text = step.html
        ? `<!DOCTYPE html><html><head><title>${step.status} Bad Gateway</title></head><body><h1>${step.status} Bad Gateway</h1><hr><center>nginx</center></body></html>`
        : JSON.stringify({ resultCd: '999', resultMsg: 'There is an unknown error. Please ask the administrator' });
      return { reply: { status: step.status, body: text, contentType: step.html ? 'text/html' : 'application/json' }, result: null };
    }
    if (method === 'selectInitOsdcInfo') {
      if ((options.pin !== undefined && body.tin !== options.pin) || (options.branchId !== undefined && body.bhfId !== options.branchId)) return json(refuse('901', 'It is not valid device'));
      const serial = String(body.dvcSrlNo ?? '');
      if (!serial || (options.serials && !options.serials.includes(serial))) return json(refuse('901', 'It is not valid device'));
      if (keys.has(serial)) return json(refuse('902', 'This device is installed'));
      const cmcKey = randomBytes(16).toString('hex');
      keys.set(serial, cmcKey);
      return json(ok({
        info: {
          tin: body.tin, taxprNm: 'WANJIKU TRADERS LTD', bsnsActv: 'Wholesale', bhfId: body.bhfId, bhfNm: 'Headquarter', bhfOpenDt: '20240101', prvncNm: 'NAIROBI CITY',
          dstrtNm: 'WESTLANDS', sctrNm: 'WON', locDesc: 'Westlands Towers', hqYn: 'Y', mgrNm: 'Wanjiku', mgrTelNo: '0722000000', mgrEmail: 'mgr@example.co.ke',
          dvcId: `99999${serial.length}0000001`, sdcId, mrcNo: 'WIS01000150', cmcKey,
        },
      }));
    }
    const stranger = who(headers, body);
    if (stranger) return json(refuse('901', 'It is not valid device'));
    switch (method) {
      case 'selectCodeList':
        return json(ok({ clsList: CODE_LISTS.map((l) => ({ cdCls: l.cdCls, cdClsNm: l.cdClsNm, cdClsDesc: null, useYn: 'Y', userDfnNm1: null, dtlList: l.codes.map(([cd, cdNm, extra], i) => ({ cd, cdNm, cdDesc: cdNm, useYn: 'Y', srtOrd: i + 1, userDfnCd1: extra ?? null })) })) }));
      case 'selectItemClsList':
        return json(ok({ itemClsList: FAKE_ITEM_CLASSES.map((c) => ({ ...c, mjrTgYn: 'N', useYn: 'Y' })) }));
      case 'saveItem':
        return json(saveItem(body));
      case 'selectItemList':
        return items.size === 0 ? json(refuse('001', 'There is no search result')) : json(ok({ itemList: [...items.values()] }));
      case 'saveTrnsSalesOsdc': {
        const problem = checkSale(body);
        if (problem) return json(problem);
        const sale = recordSale(body);
        if (step?.kind === 'acceptThenHold') return { reply: 'hold', result: '000' };
        if (step?.kind === 'acceptThenDrop') return { reply: 'drop', result: '000' };
        return json(ok(sale.receipt));
      }
      case 'selectInvoiceDtl': {
        if (options.lookup === false) return { reply: { status: 404, body: '<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>', contentType: 'text/html' }, result: null };
        const sale = sales.find((s) => s.invcNo === body.invcNo);
        return sale ? json(ok(sale.receipt)) : json(refuse('001', 'There is no search result'));
      }
      case 'insertStockIO':
      case 'saveStockMaster':
        stock.push({ method, ...body });
        return json(ok(null));
      default:
        return { reply: { status: 404, body: '<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>', contentType: 'text/html' }, result: null };
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      const method = new URL(req.url ?? '/', 'http://fake.invalid').pathname.replace(/^\/etims-api\//, '').replace(/^\//, '');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        body = {};
      }
      const request: FakeEtimsRequest = { at: Date.now(), method, headers, body, answer: 'held', resultCd: null };
      requests.push(request);
      for (const w of waiters.filter((w) => w.method === method && requests.filter((r) => r.method === method).length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const { reply, result, delayMs } = handle(method, headers, body);
      request.resultCd = result;
      if (reply === 'hold') {
        held.push(() => {
          if (res.destroyed) return;
          // Released: answered as it would have been (a sale recorded while held answers with its receipt).
          const sale = sales.find((s) => s.invcNo === body.invcNo);
          request.answer = 200;
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sale && method === 'saveTrnsSalesOsdc' ? ok(sale.receipt) : refuse('999', 'There is an unknown error. Please ask the administrator')));
        });
        return;
      }
      if (reply === 'drop') {
        request.answer = 'lost';
        req.socket.destroy();
        return;
      }
      request.answer = reply.status;
      const answer = () => {
        if (!res.destroyed) res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body);
      };
      if (delayMs) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/etims-api`,
    port,
    sdcId,
    requests,
    sales,
    items,
    stock,
    keys,
    script: (method, ...more) => steps.set(method, [...(steps.get(method) ?? []), ...more]),
    pending: (method) => (method ? (steps.get(method)?.length ?? 0) : [...steps.values()].reduce((a, s) => a + s.length, 0)),
    release: () => {
      for (const answer of held.splice(0)) answer();
    },
    waitFor: (method, n, timeoutMs = 20_000) =>
      requests.filter((r) => r.method === method).length >= n
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`fake eTIMS saw ${requests.filter((r) => r.method === method).length} ${method} requests, not ${n}`)), timeoutMs);
            waiters.push({ method, n, resolve: () => (clearTimeout(timer), resolve()) });
          }),
    goOffline: stop,
    goOnline: () => listen(port),
    close: async () => {
      held.splice(0);
      if (server.listening) await stop();
    },
  };
}
