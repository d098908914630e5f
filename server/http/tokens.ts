// Tokens are 32 random bytes, shown once and stored only as a SHA-256 hash: a stolen database holds
// nothing that signs anyone in. (They carry 256 bits of chance, so a fast hash is enough; passwords,
// which people choose, get argon2id instead.)
import crypto from 'node:crypto';

export function newToken(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
