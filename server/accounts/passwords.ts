// argon2id with its parameters written down: @node-rs/argon2's real defaults (19,456 KiB, t=2, p=1)
// differ from what its type comments say, so nothing is left to a default. These are OWASP's
// recommended minimum; the parameters travel inside each hash, so raising them later still verifies
// old hashes.
import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id is a const enum, which isolated modules cannot read: its value, 2. */
const ARGON2ID = 2;
const PARAMETERS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, checked when the account does not exist, so a wrong email costs the same time as a wrong password. */
let decoy: Promise<string> | null = null;
export async function spendLikeAVerify(password: string): Promise<void> {
  decoy ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(await decoy, password);
}
