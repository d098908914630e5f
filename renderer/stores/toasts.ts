// Short notices for success and failure, shown in the shell's status area.
import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  message: string;
  /** A heading above the message (activity notices: "Invoice sent"). */
  title?: string | undefined;
  /** Where the notice leads, e.g. '#/invoices/…'. */
  href?: string | undefined;
}

type ToastInput = Omit<Toast, 'id'>;

interface ToastState {
  toasts: Toast[];
  show: (kind: Toast['kind'], message: string) => void;
  push: (toast: ToastInput) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;
const LIFETIME_MS = { success: 4000, info: 5000, error: 8000 } as const;
/** Notices with a title carry news a person may want to act on: they stay a little longer. */
const TITLED_EXTRA_MS = 3000;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show: (kind, message) => get().push({ kind, message }),
  push: (toast) => {
    const id = nextId++;
    // The same message twice shows once, as the newest.
    const same = (t: Toast) => t.message === toast.message && t.title === toast.title;
    const others = get().toasts.filter((t) => !same(t));
    set({ toasts: [...others.slice(-3), { ...toast, id }] });
    window.setTimeout(() => get().dismiss(id), LIFETIME_MS[toast.kind] + (toast.title ? TITLED_EXTRA_MS : 0));
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export const toast = {
  success: (message: string) => useToasts.getState().show('success', message),
  error: (message: string) => useToasts.getState().show('error', message),
  info: (message: string) => useToasts.getState().show('info', message),
  /** A notice with a heading and, optionally, a link to what it is about. */
  news: (toast: ToastInput) => useToasts.getState().push(toast),
};
