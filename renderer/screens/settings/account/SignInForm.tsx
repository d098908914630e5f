// Signing in: with a password, with a link emailed to you (no password to remember), or through the
// organisation's single sign-on. The last two wait here until the person confirms elsewhere.
import { useState } from 'react';
import { invoke } from '../../../api';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { setAccount } from '../../../stores/cloud';
import { fieldError, useCloudAction } from '../../cloud/useCloudAction';
import { RadioGroup } from '../RadioGroup';
import { TextField } from '../TextField';
import { useFinishSignIn } from './useFinishSignIn';

type Method = 'password' | 'link' | 'sso';

const METHODS = [
  { value: 'password', label: 'Password' },
  { value: 'link', label: 'Email me a link' },
  { value: 'sso', label: 'Single sign-on' },
] as const;

export function SignInForm() {
  const [method, setMethod] = useState<Method>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [waiting, setWaiting] = useState<{ method: 'link' | 'sso'; email: string; url?: string } | null>(null);
  const { busy, failure, run, clear } = useCloudAction();
  const finish = useFinishSignIn(waiting !== null);

  const submit = () =>
    run('signIn', async () => {
      if (method === 'password') {
        setAccount(await invoke('cloud.signIn', { email, password }));
        return;
      }
      if (method === 'link') {
        await invoke('cloud.emailLink', { email });
        setWaiting({ method: 'link', email: email.trim() });
        return;
      }
      const { authorizationUrl } = await invoke('cloud.sso', { email });
      window.open(authorizationUrl, '_blank', 'noopener');
      setWaiting({ method: 'sso', email: email.trim(), url: authorizationUrl });
    });

  if (waiting) {
    return (
      <div className="account-waiting">
        <div className="notice notice-info" role="status">
          {finish.expired ? (
            <>
              <p className="notice-title">That sign-in expired</p>
              <p>Start again: {waiting.method === 'link' ? 'ask for a new link' : 'open single sign-on again'}.</p>
            </>
          ) : waiting.method === 'link' ? (
            <>
              <p className="notice-title">Check your email</p>
              <p>
                We sent a sign-in link to <strong>{waiting.email}</strong>. Open it (on this computer or your phone) and confirm; this page
                carries on by itself.
              </p>
            </>
          ) : (
            <>
              <p className="notice-title">Finish signing in with your organisation</p>
              <p>
                Your organisation’s sign-in page opened in your browser. Sign in there; this page carries on by itself.{' '}
                {waiting.url && <a href={waiting.url} target="_blank" rel="noreferrer">Open the sign-in page again</a>}
              </p>
            </>
          )}
          {finish.problem && !finish.expired && <p className="muted">Still waiting: {finish.problem}</p>}
        </div>
        <button type="button" className="btn" onClick={() => setWaiting(null)}>
          {finish.expired ? 'Start again' : 'Cancel'}
        </button>
      </div>
    );
  }

  const emailError = fieldError(failure, 'signIn', 'email');
  const passwordError = fieldError(failure, 'signIn', 'password');
  const other = failure && ((!emailError && !passwordError) || failure.code !== 'invalid_input') ? failure.message : null;
  return (
    <form
      className="account-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <RadioGroup
        id="account-signin-method"
        legend="Sign in with"
        options={METHODS}
        value={method}
        onChange={(m) => {
          setMethod(m);
          clear();
        }}
        hint={
          method === 'link'
            ? 'We email you a link; opening it signs this computer in. No password needed.'
            : method === 'sso'
              ? 'For organisations that sign in with their own provider (Google Workspace, Microsoft, …): use your work email.'
              : undefined
        }
      />
      <div className="settings-grid">
        <TextField id="account-signin-email" label="Email" type="email" autoComplete="email" value={email} onValue={setEmail} error={emailError} />
        {method === 'password' && (
          <TextField
            id="account-signin-password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onValue={setPassword}
            error={passwordError}
          />
        )}
      </div>
      {other && <ErrorNotice title="Not signed in" message={other} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy !== null}>
          {busy ? 'Signing in…' : method === 'password' ? 'Sign in' : method === 'link' ? 'Email me a sign-in link' : 'Continue with single sign-on'}
        </button>
      </div>
    </form>
  );
}
