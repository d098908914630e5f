// The Billbook Cloud address. Empty: this computer works alone, as it always has.
import { useState } from 'react';
import type { CloudAccountView } from '../../../../shared/channels/cloud';
import { invoke } from '../../../api';
import { setAccount } from '../../../stores/cloud';
import { toast } from '../../../stores/toasts';
import { fieldError, useCloudAction } from '../../cloud/useCloudAction';
import { TextField } from '../TextField';

export function ServerForm({ account }: { account: CloudAccountView }) {
  const [url, setUrl] = useState(account.serverUrl);
  const { busy, failure, run } = useCloudAction();
  const changed = url.trim() !== account.serverUrl;
  const save = () =>
    run('server', async () => {
      const next = await invoke('cloud.setServer', { url });
      setAccount(next);
      setUrl(next.serverUrl);
      toast.success(next.serverUrl ? `Billbook Cloud at ${next.serverUrl}` : 'No server: these books stay on this computer alone');
    });
  const hint = 'Your Billbook Cloud’s address, like cloud.example.co.ke. Leave it empty to keep working alone on this computer.';
  return (
    <form
      className="account-server"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <TextField
        id="account-server"
        label="Server address"
        hint={hint}
        error={fieldError(failure, 'server', 'url', 'serverUrl') ?? (failure?.action === 'server' ? failure.message : undefined)}
        value={url}
        onValue={setUrl}
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        placeholder="cloud.example.co.ke"
      />
      <div className="account-server-actions">
        <button type="submit" className="btn" disabled={busy !== null || !changed}>
          {busy ? 'Saving…' : url.trim() ? 'Use this server' : 'Work alone'}
        </button>
      </div>
    </form>
  );
}
