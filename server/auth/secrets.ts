import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes): the OWASP recommendation for passwords. */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash matches nothing
  }
}

/** A fresh secret for a session cookie or a device token: 256 random bits. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * Session ids and device tokens are kept as SHA-256 hashes: a copy of the database does not let anyone in.
 * They are random and long, so a fast hash is enough (unlike passwords).
 */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
