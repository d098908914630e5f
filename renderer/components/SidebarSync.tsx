// The sync status, always in the sidebar: synced (when), syncing (how much is left), offline (how many
// changes wait), a problem, or not synced at all. Live from the `sync.status` event; it leads to where
// the person can act (Settings → Account & sync, or the list of sync problems).
import type { SyncState, SyncStatus } from '../../shared/channels/cloud';
import { paths } from '../lib/router';
import { useCloud } from '../stores/cloud';

type Tone = 'ok' | 'busy' | 'waiting' | 'bad' | 'off';

const TONES: Record<SyncState, Tone> = {
  local: 'off',
  choosing: 'waiting',
  needs_choice: 'waiting',
  synced: 'ok',
  syncing: 'busy',
  offline: 'waiting',
  problem: 'bad',
  revoked: 'bad',
  signed_out: 'bad',
};

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Offline · 3 changes waiting" → a title and a second line; "Not synced: these books…" likewise. */
export function splitSummary(summary: string): { title: string; detail: string | null } {
  const at = summary.indexOf(' · ') >= 0 ? summary.indexOf(' · ') : summary.indexOf(': ');
  if (at < 0) return { title: summary, detail: null };
  return { title: summary.slice(0, at), detail: capital(summary.slice(at + (summary[at] === ':' ? 2 : 3))) };
}

function destination(status: SyncStatus): string {
  if (status.state === 'problem' || (status.problems > 0 && status.state !== 'local')) return paths.syncProblems();
  return paths.settings('account');
}

export function SidebarSync() {
  const status = useCloud((s) => s.status);
  if (!status) return null;
  // The long sentence says it all on Account & sync; here, two short lines.
  const { title, detail } =
    status.state === 'revoked' ? { title: 'Not syncing', detail: 'This computer was removed' }
      : status.state === 'choosing' ? { title: 'Not syncing yet', detail: 'Choose the organisation' }
        : splitSummary(status.summary);
  const tone = TONES[status.state];
  return (
    <section className="sidebar-sync" aria-label="Cloud sync">
      <a className={`sidebar-sync-link sync-tone-${tone}`} href={destination(status)} title={status.message ?? undefined} data-state={status.state}>
        <span className="sidebar-sync-dot" aria-hidden="true" />
        <span className="sidebar-sync-words">
          <span className="sidebar-sync-title">{title}</span>
          {detail && <span className="sidebar-sync-detail">{detail}</span>}
        </span>
      </a>
    </section>
  );
}
