// Settings → Account & sync: where this computer's books meet Billbook Cloud. Signed out: the server's
// address (empty keeps the books on this computer alone, as always) and signing up or in. Signed in:
// choosing the organisation and naming this computer. In an organisation: who is signed in, the role,
// this computer, the sync status with Sync now, the team's screens, and signing out.
import { Loading } from '../../../components/Loading';
import { useCloud } from '../../../stores/cloud';
import { HEADINGS } from '../headings';
import { ChooseOrganisation } from './ChooseOrganisation';
import { LinkedAccount } from './LinkedAccount';
import { SignedOut } from './SignedOut';
import './account.css';

export function AccountSection() {
  const account = useCloud((s) => s.account);
  return (
    <section className="settings-section account-section" aria-labelledby={HEADINGS.account.id}>
      <div className="settings-section-head">
        <h2 id={HEADINGS.account.id} tabIndex={-1}>{HEADINGS.account.title}</h2>
        <p className="muted">
          Share these books with your other computers and your team through Billbook Cloud. Without it, they stay on this computer alone,
          as they are now.
        </p>
      </div>
      {!account ? (
        <Loading label="Loading your account…" />
      ) : account.device ? (
        <LinkedAccount account={account} />
      ) : account.signedIn ? (
        <ChooseOrganisation account={account} />
      ) : (
        <SignedOut account={account} />
      )}
    </section>
  );
}
