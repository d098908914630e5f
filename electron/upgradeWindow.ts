// The small window shown while opening the books updates them (core/books/upgrade.ts says when and
// what it says). The update runs on the main thread and holds it, so the window must have painted
// before it starts: its own renderer process keeps it on screen, and the bar moving, meanwhile.
import { BrowserWindow } from 'electron';
import path from 'node:path';
import { upgradeNoticePage, type BooksUpgrade } from './core/books/upgrade';

export async function showUpgradeWindow(upgrade: BooksUpgrade, resourcesDir: string): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    width: 480,
    height: 230,
    useContentSize: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    // Closing it would not stop the update, only hide what is happening.
    closable: false,
    title: 'Billbook — updating your books',
    icon: path.join(resourcesDir, 'icon.png'),
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true },
  });
  const shown = new Promise<void>((resolve) => window.once('ready-to-show', () => resolve()));
  await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(upgradeNoticePage(upgrade))}`);
  await shown;
  window.show();
  // Two animation frames: the first is drawn and handed to the compositor before the main thread
  // blocks. At most half a second: a page that never answers must not hold the books back.
  const painted = window.webContents.executeJavaScript('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))', true);
  await Promise.race([painted.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))]);
  return window;
}
