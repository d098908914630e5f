import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSecretStore } from '../../electron/core/secrets';
import { makeCore, refused, tempDir } from '../helpers/core';

// A full disk lets the temporary file be created and then fails the write (ENOSPC). /dev/full does
// exactly that, so the store's temporary path is made a link to it: a real ENOSPC, no mock.
const hasDevFull = fs.existsSync('/dev/full');

describe.skipIf(!hasDevFull)('file secret store on a full disk', () => {
  it('removes the temporary file, keeps the saved key and says the disk is full', () => {
    const dir = tempDir();
    try {
      const store = fileSecretStore(dir, null, 'test');
      store.set('geminiApiKey', 'old-key');
      fs.symlinkSync('/dev/full', path.join(dir, 'geminiApiKey.txt.tmp'));

      expect(() => store.set('geminiApiKey', 'new-key')).toThrow(/disk .* is full\. Nothing was changed.*Free some disk space/);
      expect(fs.readdirSync(dir)).toEqual(['geminiApiKey.txt']);
      expect(store.get('geminiApiKey')).toBe('old-key');
      expect(fileSecretStore(dir, null, 'test').get('geminiApiKey')).toBe('old-key');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reaches the Settings screen as that message, not as a generic failure', async () => {
    const secretsDir = tempDir();
    try {
      const { core } = makeCore(undefined, { secrets: fileSecretStore(secretsDir, null, 'test') });
      fs.symlinkSync('/dev/full', path.join(secretsDir, 'smtpPassword.txt.tmp'));
      const error = await refused(core, 'settings.setSecret', { name: 'smtpPassword', value: 'hunter2' });
      expect(error.message).toMatch(/^Billbook could not save the key: the disk .* is full/);
      expect(fs.readdirSync(secretsDir)).toEqual([]);
    } finally {
      fs.rmSync(secretsDir, { recursive: true, force: true });
    }
  });
});
