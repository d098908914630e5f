// The file an app:// request names, apart from protocol.ts so plain Node can test it (no 'electron').
import fs from 'node:fs';
import path from 'node:path';

/** Electron's fs reads inside app.asar too, so this holds for the packaged renderer. */
const isFile = (file: string) => {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The file under root that an app:// URL names, or null, answered as 404: a malformed address
 * (bad percent-encoding), a NUL, a way out of root, a folder or a missing file. Never throws.
 */
export function appFilePath(root: string, requestUrl: string, exists: (file: string) => boolean = isFile): string | null {
  const base = path.resolve(root);
  let relative: string;
  try {
    relative = decodeURIComponent(new URL(requestUrl).pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const file = path.resolve(base, relative);
  if (!file.startsWith(base + path.sep)) return null;
  return exists(file) ? file : null;
}
