// What the team's screens say on a computer that is not in an organisation.
import { paths } from '../../lib/router';

export function NotInOrganisation({ what }: { what: string }) {
  return (
    <div className="empty">
      <p>
        These books are on this computer only, so there are no {what} to show. To share them with your team, sign in to Billbook Cloud under
        Settings.
      </p>
      <div className="empty-actions">
        <a className="btn btn-primary" href={paths.settings('account')}>Open Account &amp; sync</a>
      </div>
    </div>
  );
}
