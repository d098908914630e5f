// Steps the Cloud specs share: screenshots at both widths, the sidebar's sync status, and signing a
// computer in to the test's Cloud as an organisation's owner.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, rpc, SCREENSHOTS, type RunningCloud } from './cloud';

export const PASSWORD = 'correct horse battery';
export const shot = (name: string, fullPage = true) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });

/** The same screen at 1280×800 and 1024×700, for a person to open and look at. */
export async function both(page: Page, name: string, ready: () => Promise<void>, fullPage = true) {
  // Notices of what was just done would cover the screen being looked at.
  for (const close of await page.getByRole('button', { name: 'Dismiss notice' }).all()) await close.click().catch(() => undefined);
  for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await ready();
    await page.screenshot(shot(`${name}-${w}`, fullPage));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

export const sidebarStatus = (page: Page): Locator => page.getByRole('region', { name: 'Cloud sync' });

/** Signs this computer in as the organisation's owner (a new account, or the same one again) and joins. */
export async function signIn(page: Page, url: string, cloud: RunningCloud, who: { email: string; orgId?: string; orgName?: string }, deviceName: string): Promise<string> {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await rpc(page, 'cloud.setServer', { url: cloud.url });
  const session = who.orgId
    ? await rpc(page, 'cloud.signIn', { email: who.email, password: PASSWORD })
    : await rpc(page, 'cloud.signUp', { email: who.email, password: PASSWORD, name: 'Njeri Kamau', orgName: who.orgName ?? 'Kamau Supplies' });
  const orgId = who.orgId ?? session.memberships[0]!.orgId;
  await rpc(page, 'cloud.join', { orgId, deviceName });
  await page.reload();
  await expect(sidebarStatus(page)).toContainText(/^Synced/, { timeout: 20_000 });
  return orgId;
}
