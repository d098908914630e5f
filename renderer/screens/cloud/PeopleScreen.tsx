// People: who keeps the organisation's books and with which role, and the invitations still open.
// Owners and admins invite (email and role), change roles, remove people and revoke invitations;
// everyone else reads the list, and is told why the controls are not theirs.
import { useState } from 'react';
import type { InvitationView, PeopleAnswer, PersonView } from '../../../shared/cloud/api';
import { INVITABLE_ROLES } from '../../../shared/cloud/api';
import { ROLE_LABELS, ROLE_SUMMARIES, ROLES, type Role } from '../../../shared/permissions';
import { invoke } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { describe, Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { errorMessage, formatDate } from '../../lib/format';
import { paths } from '../../lib/router';
import { useCan } from '../../lib/useCan';
import { useRemote } from '../../lib/useRemote';
import { useCloud } from '../../stores/cloud';
import { toast } from '../../stores/toasts';
import { ConfirmDialog } from './ConfirmDialog';
import { NotInOrganisation } from './NotInOrganisation';
import { fieldError, useCloudAction } from './useCloudAction';
import './cloud.css';
import { EmailText } from '../../components/EmailText';

/** The roles `me` may give: an admin manages everyone but owners and admins. */
function assignable(me: Role | null): readonly Role[] {
  return me === 'owner' ? ROLES : ROLES.filter((r) => r !== 'owner' && r !== 'admin');
}

function InviteForm({ me, onDone }: { me: Role | null; onDone: (answer: PeopleAnswer) => void }) {
  const [email, setEmail] = useState('');
  const roles = INVITABLE_ROLES.filter((r) => assignable(me).includes(r));
  const [role, setRole] = useState<(typeof INVITABLE_ROLES)[number]>('sales');
  const { busy, failure, run } = useCloudAction();
  const send = () =>
    run('invite', async () => {
      const answer = await invoke('cloud.invite', { email, role });
      onDone(answer);
      toast.success(`Invitation sent to ${email.trim()} as ${ROLE_LABELS[role].toLowerCase()}`);
      setEmail('');
    });
  const emailError = fieldError(failure, 'invite', 'email');
  const roleError = fieldError(failure, 'invite', 'role');
  return (
    <section className="cloud-card" aria-labelledby="people-invite-title">
      <h2 id="people-invite-title">Invite someone</h2>
      <form
        className="invite-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Field id="invite-email" label="Email" error={emailError}>
          <input {...describe('invite-email', emailError)} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field id="invite-role" label="Role" hint={ROLE_SUMMARIES[role]} error={roleError}>
          <select {...describe('invite-role', roleError, ROLE_SUMMARIES[role])} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            {roles.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
        </Field>
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>{busy ? 'Sending…' : 'Send invitation'}</button>
      </form>
      <p className="field-hint">They get an email with a code to paste under Settings → Account &amp; sync when they sign up. The code works once, for 14 days.</p>
      {failure && !emailError && !roleError && <ErrorNotice title="Not invited" message={failure.message} />}
    </section>
  );
}

function PeopleTable({ people, me, meId, manage, onChanged, onRemove }: {
  people: PersonView[];
  me: Role | null;
  meId: string | null;
  manage: boolean;
  onChanged: (answer: PeopleAnswer) => void;
  onRemove: (person: PersonView) => void;
}) {
  const [changing, setChanging] = useState<string | null>(null);
  const mayManage = (p: PersonView) => manage && p.accountId !== meId && assignable(me).includes(p.role);
  const change = async (p: PersonView, role: Role) => {
    setChanging(p.accountId);
    try {
      onChanged(await invoke('cloud.changeRole', { accountId: p.accountId, role }));
      toast.success(`${p.name} is now ${ROLE_LABELS[role].toLowerCase()}`);
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setChanging(null);
    }
  };
  return (
    <div className="table-wrap">
      <table className="data-table cloud-table" aria-label="People">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            {manage && <th scope="col"><span className="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.accountId}>
              <td>
                <span className="cloud-name">{p.name}</span>
                {p.accountId === meId && <> <span className="badge">You</span></>}
              </td>
              <td className="cloud-email"><EmailText email={p.email} /></td>
              <td>
                {mayManage(p) ? (
                  <select
                    aria-label={`Role of ${p.name}`}
                    value={p.role}
                    disabled={changing === p.accountId}
                    onChange={(e) => void change(p, e.target.value as Role)}
                  >
                    {assignable(me).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
                  </select>
                ) : (
                  ROLE_LABELS[p.role]
                )}
              </td>
              <td>{formatDate(p.joinedAt)}</td>
              {manage && (
                <td className="cloud-actions">
                  {mayManage(p) && (
                    <button type="button" className="btn btn-small" aria-label={`Remove ${p.name}`} onClick={() => onRemove(p)}>Remove…</button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvitationTable({ invitations, manage, onRevoke }: { invitations: InvitationView[]; manage: boolean; onRevoke: (i: InvitationView) => void }) {
  if (invitations.length === 0) return <p className="muted">No invitations waiting.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table cloud-table" aria-label="Invitations waiting">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Sent</th>
            <th scope="col">Expires</th>
            {manage && <th scope="col"><span className="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id}>
              <td className="cloud-email"><EmailText email={i.email} /></td>
              <td>{ROLE_LABELS[i.role]}</td>
              <td>{formatDate(i.createdAt)}</td>
              <td>{formatDate(i.expiresAt)}</td>
              {manage && (
                <td className="cloud-actions">
                  <button type="button" className="btn btn-small" aria-label={`Revoke the invitation to ${i.email}`} onClick={() => onRevoke(i)}>
                    Revoke…
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PeopleScreen() {
  const account = useCloud((s) => s.account);
  const orgId = account?.device ? (account.org?.id ?? '') : '';
  const manage = useCan('people.manage');
  const people = useRemote<PeopleAnswer | null>(() => (orgId ? invoke('cloud.people', {}) : Promise.resolve(null)), orgId);
  const [removing, setRemoving] = useState<PersonView | null>(null);
  const [revoking, setRevoking] = useState<InvitationView | null>(null);
  const me = account?.role ?? null;
  const orgName = account?.org?.name ?? 'the organisation';

  return (
    <section className="screen cloud-screen">
      <header className="screen-header">
        <div>
          <p className="breadcrumb"><a href={paths.settings('account')}>Settings → Account &amp; sync</a></p>
          <h1>People</h1>
          <p className="muted screen-intro">{orgId ? `Who keeps the books of ${orgName}, and what each of them can do.` : 'Who keeps these books with you.'}</p>
        </div>
      </header>
      {!account ? (
        <Loading label="Loading…" />
      ) : !orgId ? (
        <NotInOrganisation what="people" />
      ) : (
        <>
          {manage.allowed ? (
            <InviteForm me={me} onDone={people.set} />
          ) : (
            <p className="notice notice-info cloud-readonly">{manage.reason}</p>
          )}
          {people.state === 'loading' && <Loading label="Loading people…" />}
          {people.state === 'failed' && (
            <ErrorNotice title="People could not be loaded" message={people.message}>
              <button type="button" className="btn" onClick={people.reload}>Try again</button>
            </ErrorNotice>
          )}
          {people.state === 'ready' && people.value && (
            <>
              <section className="cloud-card" aria-labelledby="people-list-title">
                <h2 id="people-list-title">People in {orgName}</h2>
                <PeopleTable
                  people={people.value.people}
                  me={me}
                  meId={account.account?.id ?? null}
                  manage={manage.allowed}
                  onChanged={people.set}
                  onRemove={setRemoving}
                />
              </section>
              <section className="cloud-card" aria-labelledby="people-invitations-title">
                <h2 id="people-invitations-title">Invitations waiting</h2>
                <InvitationTable invitations={people.value.invitations} manage={manage.allowed} onRevoke={setRevoking} />
              </section>
            </>
          )}
          <section className="cloud-card" aria-labelledby="people-roles-title">
            <h2 id="people-roles-title">What each role can do</h2>
            <dl className="role-list">
              {ROLES.map((r) => (
                <div key={r}>
                  <dt>{ROLE_LABELS[r]}</dt>
                  <dd>{ROLE_SUMMARIES[r]}</dd>
                </div>
              ))}
            </dl>
          </section>
        </>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove"
          busyLabel="Removing…"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            people.set(await invoke('cloud.removePerson', { accountId: removing.accountId }));
            toast.success(`${removing.name} was removed from ${orgName}`);
          }}
        >
          <p>
            {removing.name} ({removing.email}) can no longer open {orgName}’s books, and their computers stop syncing. What they did stays in
            the books.
          </p>
        </ConfirmDialog>
      )}
      {revoking && (
        <ConfirmDialog
          title="Revoke this invitation?"
          confirmLabel="Revoke invitation"
          busyLabel="Revoking…"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            people.set(await invoke('cloud.revokeInvitation', { invitationId: revoking.id }));
            toast.success(`The invitation to ${revoking.email} was revoked`);
          }}
        >
          <p>The code sent to {revoking.email} stops working. You can invite them again later.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
