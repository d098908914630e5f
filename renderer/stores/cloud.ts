// This computer's Billbook Cloud account as the backend last told it: who is signed in, their role in
// the organisation, and the sync status. Loaded at start-up and again on every `sync.status` event
// (a sync round also learns a changed role); every screen that asks "may this role do that?" reads it.
import { create } from 'zustand';
import type { CloudAccountView, SyncStatus } from '../../shared/channels/cloud';
import { invoke, onEvent, onEventsConnected } from '../api';

interface CloudState {
  /** Null until the first answer (and when the books cannot be read): everything is allowed meanwhile. */
  account: CloudAccountView | null;
  status: SyncStatus | null;
}

export const useCloud = create<CloudState>(() => ({ account: null, status: null }));

/** An answer from a cloud.* channel: the account as it stands now. */
export function setAccount(account: CloudAccountView): void {
  useCloud.setState({ account, status: account.sync });
}

let ticket = 0;

/** Asks the backend again; only the newest answer lands. */
export async function refreshAccount(): Promise<void> {
  const mine = ++ticket;
  try {
    const account = await invoke('cloud.account', {});
    if (mine === ticket) setAccount(account);
  } catch {
    // Books that cannot be read have no account; the next status event tries again.
  }
}

let following = false;

/** Loads the account now and follows the sync status from then on. */
export async function loadCloud(): Promise<void> {
  if (!following) {
    following = true;
    onEvent('sync.status', (status) => {
      useCloud.setState({ status });
      void refreshAccount();
    });
    // A status event sent before the browser's event stream connected is lost: ask once it is.
    onEventsConnected(() => void refreshAccount());
  }
  await refreshAccount();
}
