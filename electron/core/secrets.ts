import fs from 'node:fs';
import path from 'node:path';
import { SECRET_NAMES, type SecretName } from '../../shared/domain/settings';
import { AppError } from '../../shared/errors';

/**
 * Where API keys and passwords live, never in SQLite. Electron gives an implementation backed by
 * safeStorage (the OS keychain); plain Node uses a file only this user can read.
 */
/**
 * The settings' secrets, this computer's Billbook Cloud device token, and the communication key KRA
 * eTIMS gave this computer when it was initialised (cmcKey: sent with every request, never stored in SQLite).
 */
export type StoredSecretName = SecretName | 'cloudDeviceToken' | 'etimsCommunicationKey';
const STORED_SECRETS: readonly StoredSecretName[] = [...SECRET_NAMES, 'cloudDeviceToken', 'etimsCommunicationKey'];

export interface SecretStore {
  get(name: StoredSecretName): string | null;
  set(name: StoredSecretName, value: string | null): void;
  /** How a person would describe where the secrets are, for the Settings screen. */
  readonly description: string;
}

/** Secrets held in memory only: for tests, and for a store that cannot be written. */
export function memorySecretStore(initial: Partial<Record<StoredSecretName, string>> = {}): SecretStore {
  const values = new Map<StoredSecretName, string>(Object.entries(initial) as [StoredSecretName, string][]);
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
  const file = (name: StoredSecretName) => path.join(dir, `${name}${codec ? '.sealed' : '.txt'}`);
  // The queue asks for the key on every look for work; decrypting once is enough.
  const cache = new Map<StoredSecretName, string | null>();
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

/** What a secret becomes in any text Billbook keeps or shows. */
export const SECRET_MASK = '••••';
/** Shorter values are not masked: replacing "abc" everywhere would garble messages and protect little. */
const MIN_MASKED_LENGTH = 4;

const base64Forms = (text: string): string[] => {
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  const unpadded = b64.replace(/=+$/, '');
  return [b64, unpadded, unpadded.replace(/\+/g, '-').replace(/\//g, '_')];
};

/**
 * The ways a provider may echo a secret back: as is, URL- or form-encoded, JSON-escaped, base64
 * (also base64url), and inside a credential with a user name (HTTP Basic "user:secret", SMTP AUTH
 * PLAIN "\0user\0secret"). Longest first, so a credential is masked whole, not around its parts.
 */
export function secretForms(secret: string, users: readonly string[]): string[] {
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    ...base64Forms(secret),
  ]);
  for (const user of users) {
    if (!user) continue;
    for (const form of [...base64Forms(`${user}:${secret}`), ...base64Forms(`\0${user}\0${secret}`)]) forms.add(form);
  }
  return [...forms].filter((f) => f.length >= MIN_MASKED_LENGTH).sort((a, b) => b.length - a.length);
}

/** Forms are worked out once per secret and user names, not for every text masked. */
const formsCache = new Map<string, string[]>();
function cachedForms(secret: string, users: readonly string[]): string[] {
  const key = `${users.join('\0')}\0\0${secret}`;
  let forms = formsCache.get(key);
  if (!forms) {
    if (formsCache.size > 32) formsCache.clear();
    forms = secretForms(secret, users);
    formsCache.set(key, forms);
  }
  return forms;
}

/**
 * A function that replaces every secret stored now, in every form above, by ••••. `users` are the
 * account names that travel with a secret (SMTP user, Twilio Account SID), for the credential forms.
 */
export function secretMasker(secrets: SecretStore, users: readonly string[]): (text: string) => string {
  const forms = STORED_SECRETS.flatMap((name) => {
    const secret = secrets.get(name);
    return secret && secret.length >= MIN_MASKED_LENGTH ? cachedForms(secret, users) : [];
  }).sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(SECRET_MASK);
    return out;
  };
}

export function maskSecrets(text: string, secrets: SecretStore, users: readonly string[]): string {
  return secretMasker(secrets, users)(text);
}

/** The same for every string inside a value (an event's payload, a job's result); other values as they are. */
export function maskDeep<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskDeep(v, mask)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, mask)])) as T;
  }
  return value;
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
