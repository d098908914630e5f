// The PDF as the backend sends it (base64) turned into bytes, and those bytes saved as a file.
import { downloadBlob } from '../../../../lib/csv';

export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves the bytes under `fileName` (a download, or Electron's save dialog). */
export function saveBytes(fileName: string, bytes: Uint8Array<ArrayBuffer>, mimeType: string): void {
  downloadBlob(fileName, new Blob([bytes], { type: mimeType }));
}

/** "48 KB", "1.2 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
