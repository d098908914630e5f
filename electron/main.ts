// Lifecycle only: one instance, one window, the tray, the updater. Everything else lives in core/.
import { app, BrowserWindow, dialog, net, Notification, session, shell } from 'electron';
import electronUpdater from 'electron-updater';
import path from 'node:path';
import { createCore, type Core } from './core/app';
import { upgradeAhead, upgradeNeedsWindow } from './core/books/upgrade';
import { loadConfig, type CoreConfig } from './core/config';
import { APP_ORIGIN, registerIpc } from './ipc';
import { osSecretStore } from './secretStore';
import { registerAppScheme, serveRenderer } from './protocol';
import { startTray } from './tray';
import { showUpgradeWindow } from './upgradeWindow';

const resourcesDir = path.join(__dirname, '..', 'resources');
const rendererDir = path.join(__dirname, '..', 'dist', 'renderer');

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let stopTray: (() => void) | null = null;
/** Closing the window only hides it (queued sends and reminders go on); Quit in the tray ends the app. */
let quitting = false;
let toldAboutTray = false;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (core) openWindow();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Billbook could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: 'Billbook',
    icon: path.join(resourcesDir, 'icon.png'),
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  // A page with unsaved work (the draft editor) asks before it goes; Electron would otherwise keep
  // the window open without a word.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'This draft has changes that are not saved.',
      detail: 'Leave and lose them, or stay and save the draft first (Ctrl+S).',
    });
    if (choice === 0) event.preventDefault();
    // "Stay" also calls off a quit in progress: the window goes back to hiding on close.
    else quitting = false;
  });
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
    if (!toldAboutTray && Notification.isSupported()) {
      toldAboutTray = true;
      new Notification({ title: 'Billbook is still running', body: 'Scheduled sends and reminders go on. Open or quit Billbook from its tray icon.' }).show();
    }
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** No navigation away from our own pages and no new windows; web links open in the browser. */
function lockNavigation(): void {
  app.on('web-contents-created', (_event, contents) => {
    const stayHome = (event: { preventDefault(): void }, url: string) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    };
    contents.on('will-navigate', stayHome);
    contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
    contents.on('will-redirect', stayHome);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** Shows the window (making one if needed) and opens a route such as '#/messages'. */
function openWindow(href?: string): void {
  const window = mainWindow ?? (mainWindow = createWindow());
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  if (href && /^#\/[\w/-]*$/.test(href)) void window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(href)}`);
}

function startUpdater(config: CoreConfig): void {
  if (!app.isPackaged) return;
  const { autoUpdater } = electronUpdater;
  if (config.updates.url) autoUpdater.setFeedURL({ provider: 'generic', url: config.updates.url, channel: config.updates.channel });
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    // Offline is normal for Billbook; an update check that fails is retried at the next start.
    console.warn('Update check failed', error);
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const config = loadConfig(dataDir);
  serveRenderer(rendererDir);
  // Set before any window opens, the update notice's too: no navigation away, no permissions.
  lockNavigation();
  // Billbook needs no camera, microphone, location or notifications permission from the page.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Books from an older Billbook are updated as they open (seconds on a large book): say so first.
  const upgrade = upgradeAhead(dataDir);
  const upgradeWindow = upgrade && upgradeNeedsWindow(upgrade) ? await showUpgradeWindow(upgrade, resourcesDir).catch(() => null) : null;
  try {
    core = createCore({ dataDir, config, secrets: osSecretStore(dataDir), network: { isOnline: () => net.isOnline() }, resourcesDir });
  } finally {
    upgradeWindow?.destroy();
  }
  if (core.migration.backupFile) console.info(`Books migrated; the previous copy is at ${core.migration.backupFile}`);
  const books = core.health();
  registerIpc(core, () => mainWindow);
  core.events.onAny((name, payload) => {
    if (name === 'notify' && Notification.isSupported()) {
      const { message } = payload as { message: string };
      new Notification({ title: 'Billbook', body: message }).show();
    }
  });
  mainWindow = createWindow();
  if (books.state !== 'ok') {
    // The window shows the same notice (from books.health) with the backup to restore; this reaches
    // someone who closes the window to the tray.
    console.warn(books.message);
    if (Notification.isSupported()) {
      const note = books.state === 'read_only'
        ? new Notification({ title: 'Billbook: your books are open read-only', body: 'Billbook found damage in them, so nothing can be changed. Open Billbook to restore a backup.' })
        : new Notification({ title: 'Billbook cannot open your books', body: 'Open Billbook to see what happened and what to do.' });
      note.on('click', () => openWindow());
      note.show();
    }
  }
  stopTray = startTray(core, path.join(resourcesDir, 'tray.png'), { open: openWindow, quit: () => app.quit() });
  startUpdater(config);
}

app.on('activate', () => {
  if (core) openWindow();
});

app.on('before-quit', () => {
  quitting = true;
});

// The window hides rather than closes, so this only happens as the app quits.
app.on('window-all-closed', () => {
  if (quitting) app.quit();
});

let closingCore = false;
app.on('will-quit', (event) => {
  if (!core || closingCore) return;
  // A message being handed to the mail server gets a few seconds to finish; one cut off would be
  // logged as "not confirmed" for the person to check.
  event.preventDefault();
  closingCore = true;
  stopTray?.();
  stopTray = null;
  const running = core;
  void Promise.race([running.idle(), new Promise((resolve) => setTimeout(resolve, 5000))]).finally(() => {
    running.close();
    core = null;
    app.quit();
  });
});
