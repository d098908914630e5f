// A fixed set of worker threads that render invoice PDFs, one invoice per worker at a time, so a long
// invoice or a batch never holds up the main process. Workers start on the first render (most runs
// of the app and of the tests never make a PDF), sleep unreferenced when idle, and are replaced when
// one dies. A worker that cannot start at all sends every render to the calling thread instead.
import { Worker } from 'node:worker_threads';
import type { PdfModel } from './model';
import type { PdfWorkerData, RenderRequest, WorkerMessage } from './protocol';
import type { RenderedBytes } from './render';
import type { WorkerEntry } from './workerEntry';

export interface PoolOptions {
  size: number;
  resourcesDir: string;
  /** Where the worker's code is; asked when the first worker starts, so a failure there is a failed start. */
  entry: () => WorkerEntry;
  /** A render that takes longer is stopped (its worker is replaced) and rejected. */
  timeoutMs: number;
  /** Where renders go when no worker can start. */
  inThread: (model: PdfModel) => Promise<RenderedBytes>;
  log: (message: string, error?: unknown) => void;
}

interface Task {
  model: PdfModel;
  resolve: (rendered: RenderedBytes) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its code and fonts. */
  ready: boolean;
  task: (Task & { id: number }) | null;
  timer: NodeJS.Timeout | null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class RenderPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  /** Set when a worker could not start: from then on every render runs in the calling thread. */
  private fallback = false;
  private closed = false;
  private entry: WorkerEntry | null = null;

  constructor(private readonly options: PoolOptions) {}

  /** How renders run now: for tests and the bench. */
  get mode(): 'workers' | 'in-thread' {
    return this.fallback ? 'in-thread' : 'workers';
  }

  render(model: PdfModel): Promise<RenderedBytes> {
    if (this.closed) return Promise.reject(new Error('The PDF renderer is closed'));
    if (this.fallback) return this.options.inThread(model);
    return new Promise((resolve, reject) => {
      this.queue.push({ model, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('The PDF renderer was closed before this invoice was made');
    for (const task of this.queue.splice(0)) task.reject(stopped);
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.task?.reject(stopped);
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      if (this.fallback) {
        for (const task of this.queue.splice(0)) this.options.inThread(task.model).then(task.resolve, task.reject);
        return;
      }
      const slot = this.slots.find((s) => s.task === null) ?? (this.slots.length < this.options.size ? this.spawn() : null);
      // No slot: all busy (wait for one), or a worker just failed to start (the loop sends the rest here).
      if (!slot) {
        if (this.fallback) continue;
        return;
      }
      this.dispatch(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot | null {
    let worker: Worker;
    try {
      this.entry ??= this.options.entry();
      worker = new Worker(this.entry.script, { eval: this.entry.eval, workerData: { resourcesDir: this.options.resourcesDir } satisfies PdfWorkerData });
    } catch (error) {
      this.giveUp(error);
      return null;
    }
    worker.unref();
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onStopped(slot, error));
    worker.on('exit', (code) => this.onStopped(slot, new Error(`the worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, task: Task): void {
    const id = this.nextId++;
    slot.task = { ...task, id };
    // Keeps the process alive while a render is under way; an idle pool does not.
    slot.worker.ref();
    slot.timer = setTimeout(() => this.onTimeout(slot), this.options.timeoutMs);
    try {
      slot.worker.postMessage({ id, model: task.model } satisfies RenderRequest);
    } catch (error) {
      // Not plain data (a function, a class instance): structured clone refuses it before the worker sees it.
      this.release(slot);
      task.reject(new Error(`The invoice could not be passed to the PDF worker: ${messageOf(error)}`));
    }
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    slot.worker.unref();
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.kind === 'ready') {
      slot.ready = true;
      return;
    }
    const task = slot.task;
    if (!task || task.id !== message.id) return;
    this.release(slot);
    if (message.kind === 'rendered') {
      task.resolve({ bytes: message.bytes, pages: message.pages });
    } else {
      task.reject(new Error(message.message));
    }
    this.pump();
  }

  private remove(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    return true;
  }

  private onStopped(slot: Slot, error: Error): void {
    // 'error' is followed by 'exit', and close() and a timeout have dealt with their own workers.
    if (!this.remove(slot) || this.closed) return;
    const task = slot.task;
    if (!slot.ready) {
      this.giveUp(error);
      if (task) this.options.inThread(task.model).then(task.resolve, task.reject);
    } else if (task) {
      task.reject(new Error(`The PDF worker stopped while making this invoice (${error.message})`));
    }
    this.pump();
  }

  private onTimeout(slot: Slot): void {
    const task = slot.task;
    if (!this.remove(slot)) return;
    void slot.worker.terminate();
    task?.reject(new Error(`Making the invoice PDF took longer than ${Math.round(this.options.timeoutMs / 1000)} s, so it was stopped`));
    this.pump();
  }

  private giveUp(error: unknown): void {
    if (this.fallback) return;
    this.fallback = true;
    this.options.log(`PDF worker threads could not start (${this.entry?.describe ?? 'no worker script found'}): invoices are rendered on the main thread instead`, error);
    // Workers still starting are not waited for; any render they hold finishes or falls back on its own.
    for (const slot of this.slots.filter((s) => s.task === null)) {
      this.remove(slot);
      void slot.worker.terminate();
    }
  }
}
