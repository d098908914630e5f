// Devices: every computer that syncs the organisation's books, whose it is, its number code, when it
// was last in touch and whether its clock is off. Owners and admins revoke one (a lost laptop, a
// person who left); other roles are told why they cannot see this.
import { useState } from 'react';
import type { DeviceView } from '../../../shared/cloud/api';
import { invoke } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/format';
import { paths } from '../../lib/router';
import { useCan } from '../../lib/useCan';
import { useRemote } from '../../lib/useRemote';
import { useCloud } from '../../stores/cloud';
import { toast } from '../../stores/toasts';
import { ConfirmDialog } from './ConfirmDialog';
import { NotInOrganisation } from './NotInOrganisation';
import './cloud.css';
import { EmailText } from '../../components/EmailText';

/** The Cloud re-stamps changes from a clock more than 5 minutes off (server/PROTOCOL.md). */
const SKEW_LIMIT_MS = 5 * 60_000;

export function skewText(ms: number): string | null {
  if (Math.abs(ms) <= SKEW_LIMIT_MS) return null;
  const abs = Math.abs(ms);
  const amount = abs >= 86_400_000 ? `${Math.round(abs / 86_400_000)} day${Math.round(abs / 86_400_000) === 1 ? '' : 's'}`
    : abs >= 3_600_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.round(abs / 60_000)} min`;
  return `Clock ${amount} ${ms > 0 ? 'ahead' : 'behind'}`;
}

function DeviceRow({ device, mine, onRevoke }: { device: DeviceView; mine: boolean; onRevoke: (d: DeviceView) => void }) {
  const skew = skewText(device.clockSkewMs);
  return (
    <tr className={device.revokedAt ? 'row-revoked' : undefined}>
      <td>
        <span className="cloud-name">{device.name}</span>
        {mine && <> <span className="badge">This computer</span></>}
      </td>
      <td>
        {device.accountName}
        <span className="cloud-sub cloud-email"><EmailText email={device.accountEmail} /></span>
      </td>
      <td className="code">{device.code}</td>
      <td>
        <span className="nowrap">{formatDateTime(device.lastSeenAt)}</span>
        {skew && (
          <span className="cloud-sub cloud-warning" title="Its changes are stamped with Billbook Cloud’s time. Set its date and time to automatic.">
            ⚠ {skew}
          </span>
        )}
      </td>
      <td>{device.revokedAt ? <span className="badge badge-archived">Revoked {formatDateTime(device.revokedAt)}</span> : <span className="badge badge-status-active">Active</span>}</td>
      <td className="cloud-actions">
        {!device.revokedAt && !mine && (
          <button type="button" className="btn btn-small" aria-label={`Revoke ${device.name}`} onClick={() => onRevoke(device)}>Revoke…</button>
        )}
      </td>
    </tr>
  );
}

export function DevicesScreen() {
  const account = useCloud((s) => s.account);
  const orgId = account?.device ? (account.org?.id ?? '') : '';
  const manage = useCan('devices.manage');
  const devices = useRemote<DeviceView[] | null>(() => (orgId && manage.allowed ? invoke('cloud.devices', {}) : Promise.resolve(null)), `${orgId}.${manage.allowed}`);
  const [revoking, setRevoking] = useState<DeviceView | null>(null);
  const orgName = account?.org?.name ?? 'the organisation';

  return (
    <section className="screen cloud-screen">
      <header className="screen-header">
        <div>
          <p className="breadcrumb"><a href={paths.settings('account')}>Settings → Account &amp; sync</a></p>
          <h1>Devices</h1>
          <p className="muted screen-intro">The computers that keep a copy of {orgId ? `${orgName}’s` : 'these'} books and sync them.</p>
        </div>
      </header>
      {!account ? (
        <Loading label="Loading…" />
      ) : !orgId ? (
        <NotInOrganisation what="devices" />
      ) : !manage.allowed ? (
        <p className="notice notice-info cloud-readonly">{manage.reason}</p>
      ) : (
        <>
          {devices.state === 'loading' && <Loading label="Loading devices…" />}
          {devices.state === 'failed' && (
            <ErrorNotice title="Devices could not be loaded" message={devices.message}>
              <button type="button" className="btn" onClick={devices.reload}>Try again</button>
            </ErrorNotice>
          )}
          {devices.state === 'ready' && devices.value && (
            <section className="cloud-card" aria-labelledby="devices-list-title">
              <h2 id="devices-list-title">Computers in {orgName}</h2>
              <div className="table-wrap">
                <table className="data-table cloud-table" aria-label="Devices">
                  <thead>
                    <tr>
                      <th scope="col">Computer</th>
                      <th scope="col">Person</th>
                      <th scope="col">Code</th>
                      <th scope="col">Last contact</th>
                      <th scope="col">Status</th>
                      <th scope="col"><span className="visually-hidden">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {devices.value.map((d) => <DeviceRow key={d.id} device={d} mine={d.id === account.device?.id} onRevoke={setRevoking} />)}
                  </tbody>
                </table>
              </div>
              <p className="field-hint">
                The code goes into the numbers a computer gives offline (INV-2026-B-0001), so two computers never give one number twice.
              </p>
            </section>
          )}
        </>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          confirmLabel="Revoke device"
          busyLabel="Revoking…"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            devices.set(await invoke('cloud.revokeDevice', { deviceId: revoking.id }));
            toast.success(`${revoking.name} can no longer sync ${orgName}’s books`);
          }}
        >
          <p>
            {revoking.name} ({revoking.accountName}) stops syncing at once and can no longer read or send {orgName}’s books. Changes made on it
            that have not gone up yet stay on it. {revoking.accountName} can sign in on it again to add it back.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
