// The tray: today's numbers (sent, failed, reminders, fell overdue, AI drafts ready), each opening
// the screen behind it, and desktop notifications for the activity core/ announces.
import { Menu, Notification, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { Core } from './core/app';
import type { ActivityEvent, ActivitySummary } from '../shared/domain/sending';

export interface TrayActions {
  /** Shows the window, opening `href` (a '#/…' route) when given. */
  open(href?: string): void;
  quit(): void;
}

const REFRESH_EVENTS = new Set(['activity', 'sending.changed', 'jobs.changed', 'invoices.changed']);

async function summaryOf(core: Core): Promise<ActivitySummary | null> {
  const envelope = await core.api['activity.summary']({});
  return envelope.ok ? envelope.value : null;
}

function menuOf(summary: ActivitySummary | null, actions: TrayActions): Menu {
  const line = (label: string, count: number, href: string): MenuItemConstructorOptions => ({ label: `${label}: ${count}`, enabled: count > 0, click: () => actions.open(href) });
  const items: MenuItemConstructorOptions[] = summary
    ? [
        { label: 'Today', enabled: false },
        line('Sent', summary.sent, '#/messages'),
        line('Failed after every retry', summary.failed, '#/messages'),
        line('Reminders sent', summary.remindersSent, '#/messages'),
        line('Fell overdue', summary.fellOverdue, '#/invoices'),
        line('AI drafts ready', summary.aiDraftsReady, '#/queue'),
        line('Scheduled to send', summary.scheduled, '#/messages'),
        { type: 'separator' },
      ]
    : [];
  return Menu.buildFromTemplate([...items, { label: 'Open Billbook', click: () => actions.open() }, { type: 'separator' }, { label: 'Quit Billbook', click: () => actions.quit() }]);
}

export function startTray(core: Core, iconPath: string, actions: TrayActions): () => void {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Billbook');
  tray.on('click', () => actions.open());
  let timer: NodeJS.Timeout | null = null;
  const refresh = () => {
    timer = null;
    void summaryOf(core).then((summary) => {
      if (tray.isDestroyed()) return;
      tray.setContextMenu(menuOf(summary, actions));
      if (summary) tray.setToolTip(`Billbook: ${summary.sent} sent, ${summary.failed} failed, ${summary.scheduled} scheduled today`);
    });
  };
  refresh();
  const unsubscribe = core.events.onAny((name, payload) => {
    if (name === 'activity' && Notification.isSupported()) {
      const activity = payload as ActivityEvent;
      const note = new Notification({ title: activity.title, body: activity.body });
      note.on('click', () => actions.open(activity.href ?? undefined));
      note.show();
    }
    // Bursts (a batch of reminders) rebuild the menu once.
    if (REFRESH_EVENTS.has(name) && !timer) timer = setTimeout(refresh, 1000);
  });
  // The day's numbers start again at midnight even when nothing happens.
  const daily = setInterval(refresh, 10 * 60_000);
  return () => {
    unsubscribe();
    clearInterval(daily);
    if (timer) clearTimeout(timer);
    tray.destroy();
  };
}
