// What the Settings screen says when it protects a secret (a password cleared because its server
// changed, no encryption refused for a mail server elsewhere) and when a logo is not what it claims.
import type { Page } from '@playwright/test';
import { png } from '../helpers/images';
import { expect, rpc, test } from './host';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const saved = (page: Page, message: string) => expect(page.getByRole('status').filter({ hasText: message })).toBeVisible();

test('changing the mail server clears the saved password and says so; no encryption is refused for a server elsewhere', async ({ page, host }) => {
  await page.goto(`${host.url}#/settings`);
  const email = region(page, 'Email (SMTP)');
  await email.getByLabel('SMTP host').fill('smtp.old-provider.example');
  await email.getByLabel('User name').fill('invoices@baraka.co.ke');
  await email.getByLabel('SMTP password').fill('app-password-2026');
  await email.getByLabel('From address').fill('invoices@baraka.co.ke');
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await saved(page, 'SMTP password saved');
  await expect(email.getByText(/A password is saved/)).toBeVisible();

  // No encryption to a server elsewhere: refused under the Security field, before anything is saved.
  await email.getByLabel('SMTP host').fill('smtp.new-provider.example');
  await email.getByLabel('Security').selectOption('none');
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await expect(email.getByText(/No encryption sends your password and invoices in clear text/)).toBeVisible();
  await expect(email.getByLabel('Security')).toHaveAttribute('aria-invalid', 'true');

  await email.getByLabel('Security').selectOption('starttls');
  await email.getByRole('button', { name: 'Save email settings' }).click();
  await saved(page, 'Email settings saved');
  await expect(email.getByRole('status').filter({ hasText: 'The SMTP password was cleared because the server changed' }))
    .toContainText('smtp.old-provider.example → smtp.new-provider.example');
  await expect(email.getByText(/enter it again/)).toBeVisible();
  await expect(email.getByLabel('SMTP password'), 'the box asks for it again').toBeVisible();

  // Entered again: the note has done its work.
  await email.getByLabel('SMTP password').fill('new-provider-password');
  await email.getByRole('button', { name: 'Save password' }).click();
  await saved(page, 'SMTP password saved');
  await expect(email.getByText('The SMTP password was cleared')).toHaveCount(0);
});

test('a logo whose bytes are not a PNG, or one too many pixels wide, is refused saying why; a fine one is kept', async ({ page, host }) => {
  await page.goto(`${host.url}#/settings`);
  const business = region(page, 'Business profile');
  const logo = business.getByLabel('Choose logo…');
  await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
  await expect(business.getByRole('alert')).toHaveText('“logo.png”: The logo is not a real PNG or JPEG image (its contents do not match its name). Choose a .png or .jpg file.');
  await expect(business.getByRole('img')).toHaveCount(0);
  await logo.setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: png(8000, 8000) });
  await expect(business.getByRole('alert')).toContainText('“poster.png”: The logo is 8000×8000 pixels; at most 2000×2000 is allowed.');
  await expect(business.getByRole('img')).toHaveCount(0);
  await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(600, 200) });
  await expect(business.getByRole('alert')).toHaveCount(0);
  await business.getByLabel('Business name').fill('Baraka Hardware Ltd');
  await business.getByLabel('KRA PIN').fill('P051234567X');
  await expect(business.getByRole('img', { name: 'Baraka Hardware Ltd logo' })).toBeVisible();
  await business.getByRole('button', { name: 'Save business profile' }).click();
  await saved(page, 'Business profile saved');
  expect((await rpc(page, 'settings.get', {})).business.logoDataUrl).toBe(`data:image/png;base64,${png(600, 200).toString('base64')}`);
});
