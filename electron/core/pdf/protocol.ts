// What the main thread and a PDF worker say to each other.
import type { PdfModel } from './model';

export interface PdfWorkerData {
  resourcesDir: string;
}

export interface RenderRequest {
  id: number;
  model: PdfModel;
}

export type WorkerMessage =
  /** Fonts and react-pdf are loaded: from here on a failure is a render's, not the worker's start-up. */
  | { kind: 'ready' }
  | { kind: 'rendered'; id: number; bytes: Uint8Array; pages: number }
  | { kind: 'failed'; id: number; message: string };
