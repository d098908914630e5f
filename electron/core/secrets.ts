import fs from 'node:fs';
import path from 'node:path';
import type { SecretName } from '../../shared/domain/settings';
import { AppError } from '../../shared/errors';

/**
 * Where API keys and passwords live, never in SQLite. Electron gives an implementation backed by
 * safeStorage (the OS keychain); plain Node uses a file only this user can read.
 */
export interface SecretStore {
  get(name: SecretName): string | null;
  set(name: SecretName, value: string | null): void;
  /** How a person would describe where the secrets are, for the Settings screen. */
  readonly description: string;
}

/** Secrets held in memory only: for tests, and for a store that cannot be written. */
export function memorySecretStore(initial: Partial<Record<SecretName, string>> = {}): SecretStore {
  const values = new Map<SecretName, string>(Object.entries(initial) as [SecretName, string][]);
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => (value === null ? values.delete(name) : values.set(name, value)),
    description: 'memory only (forgotten when Billbook closes)',
  };
}

export interface SecretCodec {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/**
 * One file per secret under dir. With a codec (Electron's safeStorage) the file is ciphertext;
 * without one it is plain text readable only by this user (mode 0600), for `npm run web`.
 */
export function fileSecretStore(dir: string, codec: SecretCodec | null, description: string): SecretStore {
  const file = (name: SecretName) => path.join(dir, `${name}${codec ? '.sealed' : '.txt'}`);
  // The queue asks for the key on every look for work; decrypting once is enough.
  const cache = new Map<SecretName, string | null>();
  return {
    get(name) {
      if (cache.has(name)) return cache.get(name)!;
      let value: string | null = null;
      try {
        const bytes = fs.readFileSync(file(name));
        value = codec ? codec.decrypt(bytes) : bytes.toString('utf8');
      } catch {
        value = null;
      }
      cache.set(name, value);
      return value;
    },
    set(name, value) {
      cache.delete(name);
      if (value === null) {
        fs.rmSync(file(name), { force: true });
        return;
      }
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temp = `${file(name)}.tmp`;
      const bytes = codec ? codec.encrypt(value) : Buffer.from(value, 'utf8');
      try {
        const fd = fs.openSync(temp, 'w', 0o600);
        try {
          fs.writeFileSync(fd, bytes);
          // Durable before it replaces the old key: a power cut must not leave an empty key file.
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        fs.renameSync(temp, file(name));
      } catch (error) {
        // A full disk creates the file and then fails the write: never leave that empty file behind.
        fs.rmSync(temp, { force: true });
        throw secretWriteError(dir, error);
      }
    },
    description,
  };
}

function secretWriteError(dir: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const unchanged = 'Nothing was changed (a key saved before still stands).';
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('storage', `Billbook could not save the key: the disk holding ${dir} is full. ${unchanged} Free some disk space and save it again.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('storage', `Billbook could not save the key: it may not write to ${dir} (${code}). ${unchanged} Make sure that folder is yours and writable, then save it again.`);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('storage', `Billbook could not save the key (${reason}). ${unchanged} Try again; if it keeps failing, restart Billbook.`);
}
