// Keys an organisation gives the Cloud (its SSO client secret; later Daraja, Paystack, eTIMS) are
// sealed with AES-256-GCM under a key the database never holds: CLOUD_SECRET_KEY in the environment
// (the same on every instance), or for the embedded database a key file beside it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('CLOUD_SECRET_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const bytes = Buffer.from(sealed.replace(/^v1\./, ''), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** The key from CLOUD_SECRET_KEY; for the embedded database only, one kept (0600) in its folder. */
export function loadSecretKey(env: string | undefined, dataDir: string | null): Buffer {
  if (env) return Buffer.from(env, 'base64');
  if (!dataDir) {
    throw new Error('Set CLOUD_SECRET_KEY (openssl rand -base64 32) when running on PostgreSQL: every instance needs the same key, and the database must not hold it.');
  }
  const file = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}
