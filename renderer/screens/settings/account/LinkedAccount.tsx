// This computer is in an organisation: who is signed in and their role, this computer, the sync
// status (last sync, what waits, problems) with Sync now, the team's screens, and signing out. A
// computer that was removed offers to remove its copy of the organisation's books.
import { useState } from 'react';
import type { CloudAccountView } from '../../../../shared/channels/cloud';
import { ROLE_LABELS, ROLE_SUMMARIES } from '../../../../shared/permissions';
import { invoke } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { formatDateTime, plural } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { useCan } from '../../../lib/useCan';
import { refreshAccount, setAccount, useCloud } from '../../../stores/cloud';
import { toast } from '../../../stores/toasts';
import { RemoveBooksDialog } from '../../cloud/RemoveBooksDialog';
import { useCloudAction } from '../../cloud/useCloudAction';
import { EmailText } from '../../../components/EmailText';

export function LinkedAccount({ account }: { account: CloudAccountView }) {
  const status = useCloud((s) => s.status) ?? account.sync;
  const { busy, failure, run } = useCloudAction();
  const [removing, setRemoving] = useState(false);
  const devices = useCan('devices.manage');
  const role = account.role;
  const revoked = status.state === 'revoked';

  const syncNow = () =>
    run('sync', async () => {
      const next = await invoke('sync.now', {});
      useCloud.setState({ status: next });
      void refreshAccount();
      if (next.state === 'synced') toast.success(next.summary);
      else if (next.state === 'offline') toast.info(`Billbook Cloud cannot be reached. ${plural(next.pending, 'change')} wait on this computer.`);
    });

  const signOut = () =>
    run('signOut', async () => {
      setAccount(await invoke('cloud.signOut', {}));
      toast.info('Signed out. The books stay on this computer; they no longer sync.');
    });

  return (
    <div className="account-body">
      {revoked && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">This computer was removed from {account.org?.name}</p>
          <p>
            {status.message ?? 'It can no longer read or send the organisation’s books.'} Changes made here since then cannot go up. You can
            remove its copy of the organisation’s books (a backup is kept first).
          </p>
          <div className="notice-actions">
            <button type="button" className="btn btn-danger" onClick={() => setRemoving(true)}>Remove this computer’s books…</button>
          </div>
        </div>
      )}

      <dl className="account-facts">
        <div>
          <dt>Signed in as</dt>
          <dd>
            {account.account?.name}
            {account.account && <span className="account-email muted"><EmailText email={account.account.email} /></span>}
          </dd>
        </div>
        <div>
          <dt>Organisation</dt>
          <dd>{account.org?.name}</dd>
        </div>
        <div>
          <dt>Your role</dt>
          <dd>
            <strong>{role ? ROLE_LABELS[role] : '—'}</strong>
            {role && <span className="account-role-summary muted">{ROLE_SUMMARIES[role]}</span>}
          </dd>
        </div>
        <div>
          <dt>This computer</dt>
          <dd>
            {account.device?.name} <span className="muted">· code {account.device?.code}</span>
          </dd>
        </div>
        <div>
          <dt>Server</dt>
          <dd className="account-url">{account.serverUrl}</dd>
        </div>
      </dl>

      <section className="settings-subsection account-sync" aria-labelledby="account-sync-title">
        <h3 id="account-sync-title">Sync</h3>
        <dl className="account-facts account-sync-facts">
          <div>
            <dt>Status</dt>
            <dd>{status.summary}</dd>
          </div>
          <div>
            <dt>Last sync</dt>
            <dd>{status.lastSyncedAt ? formatDateTime(status.lastSyncedAt) : 'Not yet'}</dd>
          </div>
          <div>
            <dt>Waiting to go up</dt>
            <dd>{status.pending === 0 ? 'None' : plural(status.pending, 'change')}</dd>
          </div>
          {status.toDownload > 0 && (
            <div>
              <dt>Still to download</dt>
              <dd>{plural(status.toDownload, 'change')}</dd>
            </div>
          )}
          <div>
            <dt>Problems</dt>
            <dd>{status.problems === 0 ? 'None' : <a href={paths.syncProblems()}>{plural(status.problems, 'problem')} to look at</a>}</dd>
          </div>
        </dl>
        {status.message && status.state !== 'revoked' && <p className="muted account-sync-message">{status.message}</p>}
        <div className="form-actions">
          <button type="button" className="btn btn-primary" disabled={busy !== null || revoked} onClick={() => void syncNow()}>
            {busy === 'sync' ? 'Syncing…' : 'Sync now'}
          </button>
          <span className="muted">
            {revoked
              ? 'Nothing can sync: this computer is no longer part of the organisation. Remove its copy of the books above, or ask an owner or admin why.'
              : 'Billbook syncs by itself whenever something changes; this does it now.'}
          </span>
        </div>
      </section>

      <section className="settings-subsection" aria-labelledby="account-team-title">
        <h3 id="account-team-title">Team</h3>
        <ul className="account-links">
          <li><a href={paths.people()}>People</a> <span className="muted">who keeps these books, and their roles</span></li>
          {devices.allowed && <li><a href={paths.devices()}>Devices</a> <span className="muted">the computers that sync them</span></li>}
          <li><a href={paths.syncProblems()}>Sync problems</a> <span className="muted">changes the Cloud refused, clocks that are off</span></li>
        </ul>
      </section>

      <section className="settings-subsection" aria-labelledby="account-signout-title">
        <h3 id="account-signout-title">Sign out</h3>
        <p className="muted">The books stay on this computer; they stop syncing. Changes still waiting must go up first.</p>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void signOut()}>
          {busy === 'signOut' ? 'Signing out…' : 'Sign out'}
        </button>
      </section>

      {failure && <ErrorNotice title={failure.action === 'sync' ? 'Not synced' : 'Not signed out'} message={failure.message} />}
      {removing && <RemoveBooksDialog orgName={account.org?.name ?? 'the organisation'} onClose={() => setRemoving(false)} />}
    </div>
  );
}
