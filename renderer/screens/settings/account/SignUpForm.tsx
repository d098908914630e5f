// Creating an account: the person, and either a new organisation (they become its owner) or the
// invitation code a colleague's invitation email carried (they join with the role it gives).
import { useState } from 'react';
import { invoke } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { setAccount } from '../../../stores/cloud';
import { fieldError, useCloudAction } from '../../cloud/useCloudAction';
import { RadioGroup } from '../RadioGroup';
import { TextField } from '../TextField';

type Joining = 'new' | 'invited';

const JOINING = [
  { value: 'new', label: 'Start a new organisation' },
  { value: 'invited', label: 'I have an invitation code' },
] as const;

export function SignUpForm() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [joining, setJoining] = useState<Joining>('new');
  const [orgName, setOrgName] = useState('');
  const [code, setCode] = useState('');
  const { busy, failure, run, clear } = useCloudAction();

  const submit = () =>
    run('signUp', async () => {
      const base = { name, email, password };
      setAccount(await invoke('cloud.signUp', joining === 'new' ? { ...base, orgName } : { ...base, invitationToken: code.trim() }));
    });

  const err = (...fields: string[]) => fieldError(failure, 'signUp', ...fields);
  const named = ['name', 'email', 'password', 'orgName', 'invitationToken'].some((f) => err(f));
  return (
    <form
      className="account-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="settings-grid">
        <TextField id="account-signup-name" label="Your name" autoComplete="name" value={name} onValue={setName} error={err('name')} />
        <TextField id="account-signup-email" label="Email" type="email" autoComplete="email" value={email} onValue={setEmail} error={err('email')} />
        <TextField
          id="account-signup-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters"
          value={password}
          onValue={setPassword}
          error={err('password')}
        />
      </div>
      <RadioGroup
        id="account-signup-joining"
        legend="Organisation"
        options={JOINING}
        value={joining}
        onChange={(j) => {
          setJoining(j);
          clear();
        }}
      />
      <div className="settings-grid">
        {joining === 'new' ? (
          <TextField
            id="account-signup-org"
            label="Business name"
            hint="You will be its owner, and can invite your team."
            autoComplete="organization"
            value={orgName}
            onValue={setOrgName}
            error={err('orgName')}
          />
        ) : (
          <TextField
            id="account-signup-code"
            label="Invitation code"
            hint="From the invitation email; it starts with bbi_. Sign up with the email it was sent to."
            spellCheck={false}
            autoComplete="off"
            value={code}
            onValue={setCode}
            error={err('invitationToken')}
          />
        )}
      </div>
      {failure && (!named || failure.code !== 'invalid_input') && <ErrorNotice title="Account not created" message={failure.message} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </div>
    </form>
  );
}
