// Signed in, not yet in an organisation on this computer: choose one (or start one, or use an
// invitation code), name this computer, and join. What happens to the books here is said before it
// happens: none here and some there come down; some here and none there go up; books on both sides
// stop with a choice, never a merge.
import { useState } from 'react';
import type { CloudAccountView } from '../../../../shared/channels/cloud';
import { ROLE_LABELS } from '../../../../shared/permissions';
import { invoke } from '../../../api';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { setAccount } from '../../../stores/cloud';
import { toast } from '../../../stores/toasts';
import { fieldError, useCloudAction } from '../../cloud/useCloudAction';
import { TextField } from '../TextField';
import { EmailText } from '../../../components/EmailText';

export function ChooseOrganisation({ account }: { account: CloudAccountView }) {
  const memberships = account.memberships;
  const [orgId, setOrgId] = useState(memberships[0]?.orgId ?? '');
  const [deviceName, setDeviceName] = useState('');
  const [newOrg, setNewOrg] = useState('');
  const [code, setCode] = useState('');
  const [conflict, setConflict] = useState<{ orgId: string; message: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { busy, failure, run } = useCloudAction();
  const chosen = memberships.find((m) => m.orgId === orgId) ?? memberships[0] ?? null;

  const join = (replaceLocalBooks: boolean) =>
    run('join', async () => {
      if (!chosen) return;
      try {
        const next = await invoke('cloud.join', { orgId: chosen.orgId, deviceName, replaceLocalBooks });
        setAccount(next);
        toast.success(`This computer is now in ${chosen.orgName}`);
      } catch (e) {
        const fields = (e as { fields?: Record<string, string> }).fields;
        if ((e as { code?: string }).code === 'conflict' && fields?.replaceLocalBooks) {
          setConflict({ orgId: chosen.orgId, message: (e as Error).message });
          return;
        }
        throw e;
      }
    });

  const keepAlone = () =>
    run('signOut', async () => {
      setAccount(await invoke('cloud.signOut', {}));
      toast.info('Signed out: this computer keeps working alone with its own books');
    });

  const createOrg = () =>
    run('createOrg', async () => {
      const before = new Set(memberships.map((m) => m.orgId));
      const next = await invoke('cloud.createOrg', { name: newOrg });
      setAccount(next);
      const made = next.memberships.find((m) => !before.has(m.orgId));
      if (made) setOrgId(made.orgId);
      setNewOrg('');
    });

  const accept = () =>
    run('accept', async () => {
      const before = new Set(memberships.map((m) => m.orgId));
      const next = await invoke('cloud.acceptInvitation', { token: code });
      setAccount(next);
      const joined = next.memberships.find((m) => !before.has(m.orgId));
      if (joined) {
        setOrgId(joined.orgId);
        toast.success(`You are in ${joined.orgName} as ${ROLE_LABELS[joined.role].toLowerCase()}`);
      }
      setCode('');
    });

  const other = failure && !['deviceName', 'name', 'token', 'orgId'].some((f) => failure.fields[f]) ? failure : null;

  return (
    <div className="account-body">
      <div className="account-who">
        <p className="account-state">
          Signed in as <strong>{account.account?.name}</strong> ({account.account && <EmailText email={account.account.email} />}) to {account.serverUrl}.
        </p>
        <button type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void keepAlone()}>Sign out</button>
      </div>

      {conflict ? (
        <div className="notice notice-warning account-conflict" role="alert" aria-labelledby="account-conflict-title">
          <h3 id="account-conflict-title" className="notice-title">{chosen?.orgName} and this computer both have books</h3>
          <p>{conflict.message}</p>
          <ul className="account-choices">
            <li><strong>Keep working alone</strong>: this computer keeps its books and signs out; nothing is sent.</li>
            <li>
              <strong>Replace this computer’s books</strong>: a backup of them is saved first (see Backups), then {chosen?.orgName}’s books are
              downloaded in their place.
            </li>
          </ul>
          <div className="notice-actions">
            <button type="button" className="btn" disabled={busy !== null} onClick={() => void keepAlone()}>Keep working alone</button>
            <button type="button" className="btn btn-danger-outline" disabled={busy !== null} onClick={() => setConfirming(true)}>
              Replace this computer’s books…
            </button>
          </div>
        </div>
      ) : null}

      <form
        className="account-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setConflict(null);
          void join(false);
        }}
      >
        {memberships.length > 0 ? (
          <fieldset className="choice-group account-orgs">
            <legend>Organisation for this computer</legend>
            <div className="choices choices-column">
              {memberships.map((m) => (
                <label key={m.orgId} className={`choice${m.orgId === chosen?.orgId ? ' choice-on' : ''}`}>
                  <input type="radio" name="account-org" value={m.orgId} checked={m.orgId === chosen?.orgId} onChange={() => setOrgId(m.orgId)} />
                  <span>{m.orgName} <span className="muted">· {ROLE_LABELS[m.role]}</span></span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <p className="account-state">You are not in an organisation yet: start one below, or use the invitation code a colleague sent you.</p>
        )}
        {chosen && (
          <>
            <div className="settings-grid">
              <TextField
                id="account-device-name"
                label="Name this computer"
                hint="How your team sees it under Devices, like “Shop laptop” or “Front desk”."
                value={deviceName}
                onValue={setDeviceName}
                error={fieldError(failure, 'join', 'deviceName', 'name')}
                maxLength={60}
              />
            </div>
            <p className="field-hint account-join-hint">
              If {chosen.orgName} has no books yet, the books on this computer go up and become its books. If it has books and this computer
              has none, they come down here. If both have books, you choose.
            </p>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy !== null}>
                {busy === 'join' ? 'Joining…' : `Join ${chosen.orgName} and start syncing`}
              </button>
            </div>
          </>
        )}
      </form>

      <h3 className="account-more-title">Another organisation</h3>
      <div className="account-more">
        <form
          className="account-inline"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void createOrg();
          }}
        >
          <TextField
            id="account-new-org"
            label="Start a new organisation"
            hint="You become its owner."
            value={newOrg}
            onValue={setNewOrg}
            error={fieldError(failure, 'createOrg', 'name')}
            autoComplete="organization"
          />
          <button type="submit" className="btn" disabled={busy !== null}>Create organisation</button>
        </form>
        <form
          className="account-inline"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void accept();
          }}
        >
          <TextField
            id="account-invitation"
            label="Invitation code"
            hint="From an invitation email sent to you; it starts with bbi_."
            value={code}
            onValue={setCode}
            error={fieldError(failure, 'accept', 'token', 'invitationToken')}
            spellCheck={false}
            autoComplete="off"
          />
          <button type="submit" className="btn" disabled={busy !== null}>Use code</button>
        </form>
      </div>

      {other && <ErrorNotice title={other.action === 'join' ? 'Not joined' : other.action === 'signOut' ? 'Not signed out' : 'Not done'} message={other.message} />}

      {confirming && chosen && (
        <Dialog
          title="Replace this computer’s books?"
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>Cancel</button>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => {
                  setConfirming(false);
                  setConflict(null);
                  void join(true);
                }}
              >
                Back up and replace
              </button>
            </>
          }
        >
          <p>
            A backup of the books on this computer is saved first; you can restore it later from Backups. Then they are removed, and{' '}
            {chosen.orgName}’s books are downloaded in their place. Nothing is merged.
          </p>
        </Dialog>
      )}
    </div>
  );
}
