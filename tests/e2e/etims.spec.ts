// KRA eTIMS as a person meets it, against a local fake OSCU server: Initialise in Settings, an invoice
// signed with its QR code (on screen and on the PDF); offline, "Awaiting eTIMS" until KRA is back,
// then signed; a refusal says what to fix and Retry; the report and its CSV. Screens at 1280 and 1024.
import path from 'node:path';
import { pdfText } from '../helpers/pdfText';
import { startFakeEtims, type FakeEtimsServer } from '../helpers/fakeEtims';
import { expect, localDate, rpc, SCREENSHOTS, test } from './host';
import { tableOverflows } from './layout';

const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
const PIN = 'P051234567X';
const PORT = 42_000 + (process.pid % 2000);

test.use({ hostEnv: { BILLBOOK_ETIMS_BASE_URL: `http://127.0.0.1:${PORT}/etims-api`, BILLBOOK_OFFLINE_RECHECK_SECONDS: '1' } });

let kra: FakeEtimsServer;
test.beforeEach(async () => {
  kra = await startFakeEtims({ pin: PIN, branchId: '00', port: PORT });
});
test.afterEach(async () => {
  await kra.close();
});

test('initialise, sign with a QR code, wait offline, refuse with what to fix, and report', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await rpc(page, 'settings.update', {
    business: { name: 'Amani Hardware', street: 'Kenyatta Avenue', city: 'Nakuru', postalCode: '20100', country: 'Kenya', taxId: PIN, phone: '+254722000111', email: 'sales@amani.co.ke', website: '', logoDataUrl: '', vatRegistered: true, defaultTaxRateBp: 1600 },
  });
  const buyer = await rpc(page, 'customers.create', { name: 'Baraka Builders', phone: '0722 123456', email: 'accounts@baraka.co.ke' });
  const finalize = async (description: string, unitPriceMinor: number) => {
    const draft = await rpc(page, 'drafts.create', { draft: { customerId: buyer.id, issueDate: localDate(0), lines: [{ description, quantityMilli: 2000, unitPriceMinor }] } });
    return rpc(page, 'invoices.finalize', { id: draft.id, version: 1 });
  };

  // Settings → KRA eTIMS, by keyboard from the section's own fields.
  await page.goto(`${host.url}#/settings?section=etims`);
  const section = page.getByRole('region', { name: 'KRA eTIMS' });
  await expect(section.getByRole('heading', { level: 2, name: 'KRA eTIMS' })).toBeFocused();
  await expect(section.getByText('No computer yet')).toBeVisible();
  await section.getByLabel('Device serial').fill('dvc-amani-0001');
  await section.getByLabel('Branch id').fill('00');
  await section.getByLabel('KRA service').selectOption('sandbox');
  await section.getByLabel('Default item classification').fill('99010000');
  await section.getByRole('button', { name: 'Initialise with KRA' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Initialised with KRA: control unit ${kra.sdcId}`)).toBeVisible();
  await expect(section.getByText(/This computer \(/)).toBeVisible();
  await expect(section.getByText(new RegExp(`${kra.sdcId} · initialised`))).toBeVisible();
  await expect(section.getByText('Not transmitting')).toHaveCount(0);
  await section.screenshot({ path: path.join(SCREENSHOTS, 'etims-settings-1280.png') });

  // An invoice is signed: KRA's numbers and QR code on its page and its PDF.
  const signed = await finalize('Cement 50kg', 78_000);
  await page.goto(`${host.url}#/invoices/${signed.id}`);
  const etims = page.getByRole('region', { name: 'KRA eTIMS' });
  await expect(etims.getByText('Signed by KRA eTIMS')).toBeVisible();
  await expect(etims.getByText(`${kra.sdcId}/1 NS`)).toBeVisible();
  await expect(etims.getByRole('img', { name: `QR code: KRA's page for ${kra.sdcId}/1 NS` })).toBeVisible();
  await expect(etims.getByRole('link', { name: 'Check on KRA’s site' })).toHaveAttribute('href', `https://etims-sbx.kra.go.ke/common/link/etims/receipt/indexEtimsReceiptData?Data=${PIN}00${kra.sales[0]!.receipt.rcptSign}`);
  await etims.screenshot({ path: path.join(SCREENSHOTS, 'etims-invoice-signed-1280.png') });
  const pdf = await rpc(page, 'pdf.render', { invoiceId: signed.id });
  const text = await pdfText(Buffer.from(pdf.base64, 'base64'));
  expect(text).toMatch(new RegExp(`CU invoice no\\.\\s+${kra.sdcId}/1 NS`));
  expect(text).toContain('Scan to check with KRA');

  // Offline: "Awaiting eTIMS" on screen and on the PDF; signed once KRA is back.
  await kra.goOffline();
  const waiting = await finalize('Roofing nails 5kg', 45_000);
  await page.goto(`${host.url}#/invoices/${waiting.id}`);
  await expect(etims.getByText('Awaiting eTIMS')).toBeVisible();
  await expect(etims.getByText(/Could not reach/)).toBeVisible();
  await page.screenshot(shot('etims-invoice-awaiting-1280'));
  const awaitingPdf = await pdfText(Buffer.from((await rpc(page, 'pdf.render', { invoiceId: waiting.id })).base64, 'base64'));
  expect(awaitingPdf).toContain('Awaiting eTIMS');
  await kra.goOnline();
  await expect(etims.getByText('Signed by KRA eTIMS')).toBeVisible({ timeout: 30_000 });
  await expect(etims.getByText(`${kra.sdcId}/2 NS`)).toBeVisible();

  // A refusal says what to fix; Retry sends it again.
  kra.script('saveTrnsSalesOsdc', { kind: 'result', resultCd: '994', resultMsg: 'There is an overlapped Data' });
  const refused = await finalize('Steel sheets', 950_000);
  await page.goto(`${host.url}#/invoices/${refused.id}`);
  const fix = etims.getByRole('alert');
  await expect(fix.getByText('What to fix')).toBeVisible();
  await expect(fix).toContainText('KRA already has eTIMS invoice number 3');
  await page.screenshot(shot('etims-invoice-refused-1280'));
  await fix.getByRole('button', { name: 'Retry' }).click();
  await expect(etims.getByText('Signed by KRA eTIMS')).toBeVisible({ timeout: 30_000 });
  await expect(etims.getByText(`${kra.sdcId}/3 NS`)).toBeVisible();

  // The report: counts, each document with KRA's number, and the accountant's CSV.
  await page.goto(`${host.url}#/etims`);
  await expect(page.getByRole('heading', { level: 1, name: 'KRA eTIMS' })).toBeVisible();
  const counts = page.getByRole('list', { name: 'Documents in the period' });
  await expect(counts).toContainText('3 signed by KRA');
  await expect(counts).toContainText('0 refused');
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row', { name: new RegExp(signed.number!) })).toContainText(`${kra.sdcId}/1 NS`);
  await page.screenshot(shot('etims-report-1280'));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV for the accountant' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);

  // At 1024 wide: nothing in the tables is cut off.
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.getByRole('heading', { level: 1, name: 'KRA eTIMS' })).toBeVisible();
  expect(await tableOverflows(page)).toEqual([]);
  await page.screenshot(shot('etims-report-1024'));
  await page.goto(`${host.url}#/invoices/${signed.id}`);
  await expect(etims.getByText('Signed by KRA eTIMS')).toBeVisible();
  await page.screenshot(shot('etims-invoice-signed-1024'));
  await page.goto(`${host.url}#/settings?section=etims`);
  await expect(section.getByRole('heading', { level: 2, name: 'KRA eTIMS' })).toBeFocused();
  await section.screenshot({ path: path.join(SCREENSHOTS, 'etims-settings-1024.png') });
});
