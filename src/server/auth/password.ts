import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with node's scrypt. The stored form carries its own
 * parameters (`scrypt$N$r$p$salt$hash`, base64url), so raising the cost
 * later leaves existing hashes verifiable.
 */

export const MIN_PASSWORD_LENGTH = 10;
/** scrypt reads the whole input; a megabyte "password" would only cost us CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

/** N = 2^15, r = 8: 32 MB and about 100 ms per hash on the reference machine. */
export const DEFAULT_COST = { N: 32_768, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;

export type ScryptCost = { N: number; r: number; p: number };

/** A clear reason the password is not acceptable, or undefined when it is. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string') return 'expected a password';
  if (password.length < MIN_PASSWORD_LENGTH) return `expected a password of at least ${MIN_PASSWORD_LENGTH} characters (got ${password.length})`;
  if (password.length > MAX_PASSWORD_LENGTH) return `expected a password of at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // maxmem: scrypt needs 128·N·r bytes; node's 32 MB default is just short of N = 2^15.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`. A malformed stored hash verifies nothing (and never throws). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, Buffer.from(parts[4]!, 'base64url'), { N, r, p });
  return timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;
/**
 * A hash of a random password with the default cost. Verifying against it
 * when the user does not exist makes a failed login cost the same time
 * either way, so timing does not tell which user names exist.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoy;
}
