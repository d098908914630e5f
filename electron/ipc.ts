// Binds the contract to ipcMain: only our own window may call, and every input meets the contract's schema.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Core } from './core/app';
import { callChannel } from './core/handlers';

export const APP_ORIGIN = 'app://billbook';

function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  if (!window || event.sender !== window.webContents) return false;
  // Only the top frame of our window, showing our own page, may call.
  const frame = event.senderFrame;
  if (!frame || frame !== window.webContents.mainFrame) return false;
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}

export function registerIpc(core: Core, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle('billbook:invoke', (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event, getWindow())) {
      return { ok: false, error: { code: 'forbidden', message: 'This window may not talk to Billbook' } };
    }
    if (typeof channel !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'Channel must be a string' } };
    return callChannel(core.api, channel, input);
  });
  const unsubscribe = core.events.onAny((name, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send('billbook:event', name, payload);
  });
  return () => {
    ipcMain.removeHandler('billbook:invoke');
    unsubscribe();
  };
}
