// Sync problems: changes Billbook Cloud refused (already undone on this computer), a clock far off,
// this computer removed from the organisation. Each says what happened and what to do, leads to the
// record when there is one, and is dismissed once dealt with.
import { useState } from 'react';
import type { SyncProblemView } from '../../../shared/channels/cloud';
import { CHANNEL_ACTIONS } from '../../../shared/channelActions';
import { ACTION_WORDS } from '../../../shared/permissions';
import { invoke } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage, formatDateTime } from '../../lib/format';
import { paths } from '../../lib/router';
import { useEventCount } from '../../lib/useEventCount';
import { useRemote } from '../../lib/useRemote';
import { refreshAccount, useCloud } from '../../stores/cloud';
import { toast } from '../../stores/toasts';
import { RemoveBooksDialog } from './RemoveBooksDialog';
import './cloud.css';

function titleOf(p: SyncProblemView): string {
  switch (p.kind) {
    case 'refused': {
      const action = p.mutation ? CHANNEL_ACTIONS[p.mutation] : undefined;
      return action ? `Billbook Cloud refused a change: ${ACTION_WORDS[action]}` : 'Billbook Cloud refused a change';
    }
    case 'clock':
      return 'This computer’s clock is off';
    case 'revoked':
      return 'This computer was removed from the organisation';
    case 'overapplied':
      return 'Credit was applied on two computers at once';
    default:
      return 'Sync stopped with an error';
  }
}

function whatToDo(p: SyncProblemView): string {
  switch (p.kind) {
    case 'refused':
      if (p.code === 'forbidden') return 'The change was undone here, and the organisation’s version is shown. If it is still needed, ask someone whose role allows it, or ask an owner or admin to change your role.';
      return 'The change was undone here, and the organisation’s version is shown. Look at the record and make the change again if it is still needed.';
    case 'clock':
      return 'Set this computer’s date and time to automatic (in the system settings), then dismiss this. Until then its changes take Billbook Cloud’s time.';
    case 'revoked':
      return 'Nothing more can go up or come down. Remove this computer’s copy of the books (a backup is kept), or ask an owner or admin why it was removed.';
    case 'overapplied':
      return 'Open the invoice: it shows what is still owed. Record the customer’s money when it comes, or apply other credit they have. If they did pay more than Billbook knows, record that payment.';
    default:
      return 'Press Sync now to try again. If it keeps happening, note the message and tell whoever runs your Billbook Cloud.';
  }
}

function recordLink(p: SyncProblemView): { href: string; label: string } | null {
  // A refused new record was undone here: there is nothing to open.
  if (!p.entityId || p.mutation?.endsWith('.create')) return null;
  if (p.entity === 'customers') return { href: paths.customer(p.entityId), label: 'Open the customer' };
  if (p.entity === 'invoices') return { href: paths.invoice(p.entityId), label: 'Open the invoice' };
  return null;
}

export function SyncProblemsScreen() {
  const status = useCloud((s) => s.status);
  const account = useCloud((s) => s.account);
  const moved = useEventCount('sync.status');
  const problems = useRemote(() => invoke('sync.problems', {}), String(moved));
  const [syncing, setSyncing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const linked = account?.device != null;

  const dismiss = async (p: SyncProblemView) => {
    try {
      problems.set(await invoke('sync.dismissProblem', { id: p.id }));
      toast.info('Dismissed');
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const syncNow = async () => {
    setSyncing(true);
    try {
      const next = await invoke('sync.now', {});
      useCloud.setState({ status: next });
      void refreshAccount();
      problems.reload();
      toast.info(next.summary);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setSyncing(false);
    }
  };

  return (
    <section className="screen cloud-screen">
      <header className="screen-header">
        <div>
          <p className="breadcrumb"><a href={paths.settings('account')}>Settings → Account &amp; sync</a></p>
          <h1>Sync problems</h1>
          <p className="muted screen-intro">What sync could not do by itself, and what to do about it.{status && linked ? ` Now: ${status.summary}.` : ''}</p>
        </div>
        {linked && status?.state !== 'revoked' && (
          <div className="header-actions">
            <button type="button" className="btn" disabled={syncing} onClick={() => void syncNow()}>{syncing ? 'Syncing…' : 'Sync now'}</button>
          </div>
        )}
      </header>
      {problems.state === 'loading' && <Loading label="Loading sync problems…" />}
      {problems.state === 'failed' && (
        <ErrorNotice title="Sync problems could not be loaded" message={problems.message}>
          <button type="button" className="btn" onClick={problems.reload}>Try again</button>
        </ErrorNotice>
      )}
      {problems.state === 'ready' && problems.value.length === 0 && (
        <div className="empty">
          {linked ? (
            <p>No sync problems. Everything this computer sent was accepted.</p>
          ) : (
            <p>
              No sync problems: these books are not synced. To share them with your other computers or your team, sign in
              under <a href={paths.settings('account')}>Settings → Account &amp; sync</a>.
            </p>
          )}
        </div>
      )}
      {problems.state === 'ready' && problems.value.length > 0 && (
        <ul className="problem-list" aria-label="Sync problems">
          {problems.value.map((p) => {
            const title = titleOf(p);
            const link = recordLink(p);
            return (
              <li key={p.id} className={`problem problem-${p.kind}`}>
                <article aria-labelledby={`problem-${p.id}-title`}>
                  <h2 id={`problem-${p.id}-title`}>{title}</h2>
                  <p className="problem-when muted">{formatDateTime(p.at)}{p.mutation ? ` · ${p.mutation}` : ''}</p>
                  <p className="problem-message">{p.message}</p>
                  <p className="problem-todo"><strong>What to do: </strong>{whatToDo(p)}</p>
                  <div className="inline-actions">
                    {p.kind === 'revoked' && linked && (
                      <button type="button" className="btn btn-danger" onClick={() => setRemoving(true)}>Remove this computer’s books…</button>
                    )}
                    {link && <a className="btn" href={link.href}>{link.label}</a>}
                    <button type="button" className="btn" aria-label={`Dismiss: ${title}`} onClick={() => void dismiss(p)}>Dismiss</button>
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      )}
      {removing && <RemoveBooksDialog orgName={account?.org?.name ?? 'the organisation'} onClose={() => setRemoving(false)} />}
    </section>
  );
}
