import { useEffect } from 'react';
import { onEvent } from '../../api';
import { toast } from '../../stores/toasts';

/**
 * In a browser (`npm run web`), each activity event ("Invoice sent", "3 reminders sent", "2 invoices
 * fell overdue") shows as a notice with a link. In Electron the main process shows them as desktop
 * notifications, so they are not shown twice.
 */
export function useActivityToasts(): void {
  useEffect(() => {
    if (window.billbook) return;
    return onEvent('activity', (event) => {
      toast.news({
        kind: event.kind === 'failed' ? 'error' : event.kind === 'fell_overdue' ? 'info' : 'success',
        title: event.title,
        message: event.body,
        href: event.href ?? undefined,
      });
    });
  }, []);
}
