import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: session tokens, CSRF tokens and API token secrets. */
export const randomSecret = (): string => randomBytes(32).toString('base64url');

/** Sessions and tokens are looked up by this, so the database never holds a usable secret. */
export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Constant-time string comparison (lengths may differ; that alone is not secret). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** API token secrets start with this, so they are recognisable in logs and by secret scanners. */
export const TOKEN_PREFIX = 'vgl_';
