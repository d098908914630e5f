// Runs sandboxed: exposes exactly window.billbook.invoke/on and nothing of Node or Electron.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('billbook', {
  invoke: (channel: string, input: unknown) => ipcRenderer.invoke('billbook:invoke', channel, input),
  on: (event: string, listener: (payload: unknown) => void) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('billbook:event', handler);
    return () => ipcRenderer.removeListener('billbook:event', handler);
  },
});
