// Getting paid through the Cloud as two computers see it: the owner sets up M-Pesa from the app,
// asks a customer to pay an invoice, the customer pays on the phone, and the invoice shows paid on
// the other computer after its next sync; money the Cloud could not place waits as unmatched.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { line } from '../../helpers/billing';
import { startCloud, testClock, type TestCloud } from '../../helpers/cloud';
import { call, refused } from '../../helpers/core';
import { closeDesktops, colleague, desktop, founder, sameOwner, type Desktop } from '../../helpers/devices';
import { startFakeDaraja, type FakeDaraja } from '../../helpers/fakeDaraja';
import { pdfPages } from '../../helpers/pdfText';

/** A Paybill line of an M-Pesa statement (the CSV Safaricom's portal gives): Jane Wanjiru pays an invoice in full. */
function paybillLine(receipt: string, invoice: { number: string | null; totals: { totalMinor: number } }): string {
  const paidIn = (invoice.totals.totalMinor / 100).toFixed(2);
  return `${receipt},2026-11-21 09:15:02,2026-11-21 09:14:58,Pay Bill from 254722000111 - JANE WANJIRU Acc. ${invoice.number},Completed,${paidIn},,${paidIn},true,Pay Bill Online,254722000111 - JANE WANJIRU,,${invoice.number}`;
}
const STATEMENT_HEADER = 'Receipt No.,Completion Time,Initiation Time,Details,Transaction Status,Paid In,Withdrawn,Balance,Balance Confirmed,Reason Type,Other Party Info,Linked Transaction ID,A/C No.';

/** Imports a statement's lines, each recorded against the first suggestion, as a person accepting every match would. */
async function importEveryLine(a: Desktop, fileName: string, lines: string[]) {
  const file = { fileName, base64: Buffer.from([STATEMENT_HEADER, ...lines].join('\n')).toString('base64') };
  const preview = await call(a.core, 'payments.statement.preview', file);
  const decisions = preview.lines.map((l) => ({ receipt: l.receipt, action: 'record' as const, customerId: l.suggestions[0]!.customerId, invoiceId: l.suggestions[0]!.invoiceId ?? undefined }));
  return call(a.core, 'payments.statement.commit', { ...file, decisions });
}

describe('M-Pesa through the Cloud, from two computers', () => {
  let cloud: TestCloud;
  let daraja: FakeDaraja;
  const clock = testClock('2026-11-21T09:00:00.000Z');
  beforeAll(async () => {
    [cloud, daraja] = await Promise.all([startCloud('pglite', { clock }), startFakeDaraja()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([cloud?.close(), daraja?.close()]);
  });
  afterEach(() => closeDesktops());

  /** One computer founding an organisation with M-Pesa set up, and Jane Wanjiru as a customer. */
  async function paybillShop(device: string, organisation: string) {
    const a = desktop(device, clock);
    await founder(a, cloud.url, organisation);
    await call(a.core, 'cloudPayments.configureDaraja', {
      shortcode: daraja.keys.shortcode, kind: 'paybill', consumerKey: daraja.keys.consumerKey, consumerSecret: daraja.keys.consumerSecret, passkey: daraja.keys.passkey, baseUrl: daraja.url,
    });
    const buyer = await call(a.core, 'customers.create', { name: 'Jane Wanjiru', phone: '+254722000111' });
    const finalizeFor = async (amountMinor: number) => {
      const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Web hosting', 1, amountMinor, null)] } });
      return call(a.core, 'invoices.finalize', { id: draft.id, version: 1 });
    };
    return { a, finalizeFor };
  }

  it('an M-Pesa prompt from one computer is paid and the invoice shows paid on the other; the link opens the customer page', async () => {
    const a = desktop('Shop laptop', clock);
    // Before joining: no link, and the reason says what to do.
    const buyer = await call(a.core, 'customers.create', { name: 'Wanjiku Stores', email: 'accounts@wanjiku.co.ke', phone: '+254722000111' });
    const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Web hosting', 1, 1_500_000)] } });
    const invoice = await call(a.core, 'invoices.finalize', { id: draft.id, version: 1 });
    expect((await call(a.core, 'cloudPayments.forInvoice', { invoiceId: invoice.id })).linkNote).toMatch(/Sign in to Billbook Cloud/);
    expect((await refused(a.core, 'cloudPayments.requestMpesa', { invoiceId: invoice.id, phone: '0722000111' })).message).toMatch(/not signed in/);

    const joined = await founder(a, cloud.url);
    const b = desktop('Office desktop', clock);
    await sameOwner(b, cloud.url, joined.account!.email, joined.org!.id);
    await a.sync();
    await b.sync();
    const setup = await call(a.core, 'cloudPayments.configureDaraja', {
      shortcode: daraja.keys.shortcode, kind: 'paybill', consumerKey: daraja.keys.consumerKey, consumerSecret: daraja.keys.consumerSecret, passkey: daraja.keys.passkey, baseUrl: daraja.url,
    });
    expect(setup.notice).toMatch(/M-Pesa is set up/);

    const asked = await call(a.core, 'cloudPayments.requestMpesa', { invoiceId: invoice.id, phone: '0722 000 111' });
    expect(asked.status).toBe('pending');
    await daraja.settle(daraja.stk.at(-1)!.checkoutId, { code: '0', receipt: 'QKDESK0001' });
    await b.sync();
    const onB = await call(b.core, 'invoices.get', { id: invoice.id });
    expect([onB.status, onB.balanceMinor]).toEqual(['paid', 0]);
    await a.sync();
    const gettingPaid = await call(a.core, 'cloudPayments.forInvoice', { invoiceId: invoice.id });
    expect(gettingPaid.requests.map((r) => [r.kind, r.status, r.phone])).toEqual([['stk', 'paid', '254722000111']]);
    expect(gettingPaid.requests[0]!.resultText).toContain('QKDESK0001');
    expect(gettingPaid.link).toMatch(new RegExp(`^${cloud.url}/p/[\\w-]{20,}$`));
    const page = await (await fetch(gettingPaid.link!)).text();
    expect(page).toContain(invoice.number!);
    expect(page).toContain('Paid in full');
  });

  it("an invoice's email, SMS and PDF carry the link to pay online while links are on, in the customer's language; not once the owner switches links off, nor once it is paid", async () => {
    const a = desktop('Shop laptop', clock);
    const buyer = await call(a.core, 'customers.create', { name: 'Wanjiku Stores', email: 'accounts@wanjiku.co.ke', phone: '+254722000111' });
    const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Web hosting', 1, 1_500_000)] } });
    const invoice = await call(a.core, 'invoices.finalize', { id: draft.id, version: 1 });
    const pdfText = async () => (await pdfPages(Buffer.from((await call(a.core, 'pdf.render', { invoiceId: invoice.id })).base64, 'base64'))).join('\n');
    // Working alone, nothing to link to: the messages read as before.
    const alone = await call(a.core, 'sending.preview', { invoiceId: invoice.id });
    expect(`${alone.email!.text}${alone.sms!.text}`).not.toContain('/p/');
    expect(await pdfText()).not.toContain('Pay online');

    await founder(a, cloud.url, 'Link Traders');
    await a.sync();
    const link = (await call(a.core, 'cloudPayments.forInvoice', { invoiceId: invoice.id })).link!;
    expect(link).toMatch(new RegExp(`^${cloud.url}/p/[\\w-]{20,}$`));
    const preview = await call(a.core, 'sending.preview', { invoiceId: invoice.id });
    expect(preview.email!.text).toContain(`Pay online by M-Pesa or card: ${link}`);
    expect(preview.email!.html).toContain(`<a href="${link}">`);
    // No Paybill in Settings here, so the link is the way to pay (with one, it reads "Or pay online").
    expect(preview.sms!.text).toContain(`Pay online: ${link}`);
    const printed = await pdfText();
    expect(printed).toContain('Pay online');
    expect(printed.replace(/\s+/g, '')).toContain(link.split('/p/')[1]);
    expect(printed).toContain('Scan to pay');
    expect(await (await fetch(link)).text()).toContain(invoice.number!);

    // A customer who reads Swahili gets a link of their own in Swahili words.
    const mteja = await call(a.core, 'customers.create', { name: 'Duka la Amani', phone: '+254733000222', aiPreferences: { template: 'simple', language: 'sw', includeTax: false } });
    const rasimu = await call(a.core, 'drafts.create', { draft: { customerId: mteja.id, issueDate: '2026-11-21', lines: [line('Mchele', 2, 650_00)] } });
    const ankara = await call(a.core, 'invoices.finalize', { id: rasimu.id, version: 1 });
    const kiungo = (await call(a.core, 'cloudPayments.forInvoice', { invoiceId: ankara.id })).link!;
    expect(kiungo).not.toBe(link);
    expect((await call(a.core, 'sending.preview', { invoiceId: ankara.id })).sms!.text).toContain(`Lipa mtandaoni: ${kiungo}`);

    // The owner switches links off: messages and PDFs made from then on, even offline, leave it out.
    await call(a.core, 'cloudPayments.configureLinks', { enabled: false, days: 0 });
    const off = await call(a.core, 'sending.preview', { invoiceId: invoice.id });
    expect(`${off.email!.text}${off.sms!.text}`).not.toContain(link);
    expect(await pdfText()).not.toContain('Scan to pay');

    // On again; once the invoice is paid there is nothing to pay online.
    await call(a.core, 'cloudPayments.configureLinks', { enabled: true, days: 30 });
    expect((await call(a.core, 'sending.preview', { invoiceId: invoice.id })).sms!.text).toContain(link);
    await call(a.core, 'payments.record', { customerId: buyer.id, amountMinor: invoice.totals.totalMinor, paidOn: '2026-11-21', method: 'cash' });
    const paid = await call(a.core, 'sending.preview', { invoiceId: invoice.id });
    expect(`${paid.email!.text}${paid.sms!.text}`).not.toContain('/p/');
  });

  it('a receipt recorded from the M-Pesa statement offline and then reported by Daraja is one payment', async () => {
    const { a, finalizeFor } = await paybillShop('Shop laptop', 'Statement Traders');
    const invoice = await finalizeFor(1_000_000);
    expect(await importEveryLine(a, 'statement.csv', [paybillLine('QKSTMT0001', invoice)])).toMatchObject({ recorded: 1 });
    await a.sync();

    // Daraja reports the same Paybill payment to the Cloud (late, and twice): nothing more is recorded.
    await daraja.confirmC2b({ receipt: 'QKSTMT0001', amount: invoice.totals.totalMinor / 100, account: invoice.number! });
    await daraja.confirmC2b({ receipt: 'QKSTMT0001', amount: invoice.totals.totalMinor / 100, account: invoice.number! });
    await a.sync();
    const payments = a.core.context.sql.prepare("SELECT reference, amount_minor FROM payments WHERE status = 'completed'").all();
    expect(payments).toEqual([{ reference: 'QKSTMT0001', amount_minor: invoice.totals.totalMinor }]);
    expect(await call(a.core, 'invoices.get', { id: invoice.id })).toMatchObject({ status: 'paid', balanceMinor: 0 });
    expect(a.core.context.sql.prepare('SELECT count(*) AS n FROM incoming_payments').get()).toEqual({ n: 1 });
  });

  it('a receipt Daraja reported to the Cloud while the statement was imported offline is one payment; the other lines of the statement stay recorded', async () => {
    const { a, finalizeFor } = await paybillShop('Back office', 'Offline Statement Traders');
    const invoices = [await finalizeFor(1_000_000), await finalizeFor(250_000)];
    await a.sync();
    a.setOnline(false);
    const lines = [paybillLine('QKBOTH0001', invoices[0]!), paybillLine('QKONLY0002', invoices[1]!)];
    expect(await importEveryLine(a, 'november.csv', lines)).toMatchObject({ recorded: 2 });

    // Meanwhile Daraja reported the first receipt to the Cloud, which recorded it against the invoice.
    await daraja.confirmC2b({ receipt: 'QKBOTH0001', amount: invoices[0]!.totals.totalMinor / 100, account: invoices[0]!.number! });
    a.setOnline(true);
    await a.sync();
    await a.sync();

    const payments = a.core.context.sql.prepare("SELECT reference, amount_minor FROM payments WHERE status = 'completed' ORDER BY reference").all();
    expect(payments).toEqual([
      { reference: 'QKBOTH0001', amount_minor: invoices[0]!.totals.totalMinor },
      { reference: 'QKONLY0002', amount_minor: invoices[1]!.totals.totalMinor },
    ]);
    for (const invoice of invoices) expect(await call(a.core, 'invoices.get', { id: invoice.id })).toMatchObject({ status: 'paid', balanceMinor: 0 });
    expect(a.core.context.sql.prepare('SELECT count(*) AS n FROM incoming_payments').get()).toEqual({ n: 2 });
    // The person is told which receipt the Cloud already had, and that nothing is missing.
    const problems = await call(a.core, 'sync.problems', {});
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/QKBOTH0001.*already recorded/)]);
    expect(problems[0]!.message).not.toMatch(/number series/);
  });

  it('Paybill money the Cloud cannot place waits as unmatched; a salesperson cannot change the M-Pesa keys', async () => {
    const a = desktop('Shop laptop', clock);
    const joined = await founder(a, cloud.url, 'Baraka Hardware');
    await call(a.core, 'cloudPayments.configureDaraja', {
      shortcode: daraja.keys.shortcode, kind: 'paybill', consumerKey: daraja.keys.consumerKey, consumerSecret: daraja.keys.consumerSecret, passkey: daraja.keys.passkey, baseUrl: daraja.url,
    });
    expect(joined.role).toBe('owner');
    await daraja.confirmC2b({ receipt: 'QKUNPLACED', amount: 2_500, account: 'rent december' });
    await a.sync();
    expect(a.core.context.sql.prepare('SELECT receipt, status, amount_minor, account_reference FROM incoming_payments').all())
      .toEqual([{ receipt: 'QKUNPLACED', status: 'unmatched', amount_minor: 250_000, account_reference: 'rent december' }]);
    const sales = desktop('Counter', clock);
    await colleague(sales, a, cloud, 'sales');
    const keys = await refused(sales.core, 'cloudPayments.configureDaraja', { shortcode: '600000', kind: 'till', consumerKey: 'k', consumerSecret: 's', passkey: 'p' });
    expect(keys.message).toMatch(/Sales|settings|owner/i);
  });

  it('thanks the customer once for money the Cloud recorded, from one computer of the organisation', async () => {
    const a = desktop('Shop laptop', clock);
    const joined = await founder(a, cloud.url, 'Kilimani Supplies');
    const b = desktop('Office desktop', clock);
    await sameOwner(b, cloud.url, joined.account!.email, joined.org!.id);
    await call(a.core, 'settings.update', {
      email: { host: '127.0.0.1', port: 2525, security: 'none', user: '', fromName: 'Kilimani', fromAddress: 'billing@kilimani.co.ke', replyTo: '', messagesPerMinute: 60, timeoutSeconds: 5 },
      reminders: { enabled: false, offsets: [7], channel: 'email', sendFromHour: 8, thankYouOnPayment: true, attachPdf: false },
    });
    const buyer = await call(a.core, 'customers.create', { name: 'Baraka Hardware', email: 'pay@baraka.co.ke' });
    const draft = await call(a.core, 'drafts.create', { draft: { customerId: buyer.id, issueDate: '2026-11-21', lines: [line('Cement', 10, 78_000)] } });
    const invoice = await call(a.core, 'invoices.finalize', { id: draft.id, version: 1 });
    await call(a.core, 'cloudPayments.configureDaraja', {
      shortcode: daraja.keys.shortcode, kind: 'paybill', consumerKey: daraja.keys.consumerKey, consumerSecret: daraja.keys.consumerSecret, passkey: daraja.keys.passkey, baseUrl: daraja.url,
    });
    await a.sync();
    await b.sync();
    await daraja.confirmC2b({ receipt: 'QKTHANKS01', amount: invoice.totals.totalMinor / 100, account: invoice.number!.toLowerCase() });
    // Each computer syncs twice: the one granted the thank-you queues it, and its message log reaches the other.
    for (let round = 0; round < 2; round++) for (const d of [b, a]) await d.sync();
    const thanks = (d: typeof a) => d.core.context.sql.prepare("SELECT count(*) AS n FROM notifications WHERE type = 'payment_received'").get() as { n: number };
    expect([thanks(a).n, thanks(b).n]).toEqual([1, 1]);
    expect((await call(a.core, 'invoices.get', { id: invoice.id })).status).toBe('paid');
  });
});
