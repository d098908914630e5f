// Not signed in: the server, then signing in (password, an emailed link, single sign-on) or creating
// an account (a new organisation, or joining one with the invitation code a colleague sent).
import { useState } from 'react';
import type { CloudAccountView } from '../../../../shared/channels/cloud';
import { Tabs } from '../../../components/Tabs';
import { ServerForm } from './ServerForm';
import { SignInForm } from './SignInForm';
import { SignUpForm } from './SignUpForm';

export function SignedOut({ account }: { account: CloudAccountView }) {
  const [tab, setTab] = useState('signIn');
  return (
    <div className="account-body">
      <ServerForm key={account.serverUrl} account={account} />
      {account.serverUrl ? (
        <>
          <p className="account-state">
            Not signed in. Books made before you sign in stay on this computer, and become the organisation’s when this computer joins it.
          </p>
          <Tabs
            label="Sign in or create an account"
            selected={tab}
            onSelect={setTab}
            tabs={[
              { key: 'signIn', label: 'Sign in', render: () => <SignInForm /> },
              { key: 'signUp', label: 'Create an account', render: () => <SignUpForm /> },
            ]}
          />
        </>
      ) : (
        <p className="account-state">Working alone: these books are on this computer only, and nothing is sent anywhere.</p>
      )}
    </div>
  );
}
