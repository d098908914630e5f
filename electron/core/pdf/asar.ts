import fs from 'node:fs';
import path from 'node:path';

/**
 * In the packaged app, files listed under electron-builder's asarUnpack sit beside the archive in
 * app.asar.unpacked. A worker thread is not promised Electron's asar file system, so fonts and the
 * worker script are read from there whenever the unpacked copy exists.
 */
export function unpackedPath(file: string): string {
  const marker = `${path.sep}app.asar${path.sep}`;
  if (!file.includes(marker)) return file;
  const unpacked = file.replace(marker, `${path.sep}app.asar.unpacked${path.sep}`);
  return fs.existsSync(unpacked) ? unpacked : file;
}
