import type { ApiToken, CreatedToken, Role, TokenScope, User } from '../api/contract';
import { hashPassword, passwordProblem } from './password';
import { randomSecret, sha256, TOKEN_PREFIX } from './secrets';
import type { AuthStore } from './store-port';

/**
 * Users and tokens, shared by the HTTP routes and the CLI: validation,
 * hashing and the rules that keep an installation administrable (the last
 * admin can be neither removed nor demoted).
 */

export const roles = ['admin', 'editor', 'viewer'] as const satisfies readonly Role[];
export const tokenScopes = ['read', 'write'] as const satisfies readonly TokenScope[];

export class AccessError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 415 | 429,
    readonly field?: string,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;

export function userNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'expected a user name';
  if (!NAME.test(name)) return 'expected a user name of up to 64 letters, digits and _ . @ - (starting with a letter or digit)';
  return undefined;
}

function check(problem: string | undefined, field: string): void {
  if (problem) throw new AccessError(problem, 400, field);
}

export function parseRole(role: unknown, field = 'role'): Role {
  if (!roles.includes(role as Role)) throw new AccessError(`expected a role: ${roles.join(', ')}`, 400, field);
  return role as Role;
}

export function parseScope(scope: unknown, field = 'scope'): TokenScope {
  if (!tokenScopes.includes(scope as TokenScope)) throw new AccessError(`expected a scope: read (GET only) or write (also acknowledge, resolve, notes)`, 400, field);
  return scope as TokenScope;
}

/** Creates a user; 409 when the name is taken. `onlyIfNoUsers` is first-run setup. */
export async function addUser(store: AuthStore, input: { name: unknown; role: unknown; password: unknown }, now: number, options: { onlyIfNoUsers?: boolean } = {}): Promise<User> {
  check(userNameProblem(input.name), 'username');
  const role = parseRole(input.role);
  check(passwordProblem(input.password), 'password');
  const user = { name: input.name as string, role, createdAt: now };
  const created = await store.createUser({ ...user, passwordHash: await hashPassword(input.password as string) }, options);
  if (!created) {
    throw options.onlyIfNoUsers ? new AccessError('setup is already done: log in instead', 409) : new AccessError(`a user named ${user.name} already exists`, 409, 'username');
  }
  return user;
}

async function otherAdmins(store: AuthStore, name: string): Promise<number> {
  return (await store.listUsers()).filter((user) => user.role === 'admin' && user.name !== name).length;
}

/** Changes a user's role and/or password. A new password signs the user out everywhere. */
export async function changeUser(store: AuthStore, name: string, change: { role?: unknown; password?: unknown }): Promise<User> {
  const existing = await store.getUser(name);
  if (!existing) throw new AccessError(`no user named ${name}`, 404, 'name');
  if (change.role === undefined && change.password === undefined) throw new AccessError('expected a new "role" or "password"', 400, 'body');
  const role = change.role === undefined ? undefined : parseRole(change.role);
  if (change.password !== undefined) check(passwordProblem(change.password), 'password');
  if (role && role !== 'admin' && existing.role === 'admin' && (await otherAdmins(store, name)) === 0) {
    throw new AccessError(`${name} is the only admin; make someone else admin first`, 409, 'role');
  }
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password as string);
  await store.updateUser(name, { role, passwordHash });
  return { name, role: role ?? existing.role, createdAt: existing.createdAt };
}

export async function removeUser(store: AuthStore, name: string): Promise<void> {
  const existing = await store.getUser(name);
  if (!existing) throw new AccessError(`no user named ${name}`, 404, 'name');
  if (existing.role === 'admin' && (await otherAdmins(store, name)) === 0) throw new AccessError(`${name} is the only admin and cannot be removed`, 409, 'name');
  await store.deleteUser(name);
}

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.@/-]{0,63}$/;

/** A new token; the secret is in the answer and nowhere else, ever. */
export async function createToken(store: AuthStore, input: { name: unknown; scope: unknown }, createdBy: string, now: number): Promise<CreatedToken> {
  if (typeof input.name !== 'string' || !TOKEN_NAME.test(input.name)) {
    throw new AccessError('expected a token name of up to 64 letters, digits, spaces and _ . @ / - (starting with a letter or digit)', 400, 'name');
  }
  const scope = parseScope(input.scope);
  // Names identify tokens in timelines (`token:<name>`), so two live tokens may not share one.
  if ((await store.listTokens()).some((token) => token.name === input.name && token.revokedAt === null)) {
    throw new AccessError(`a token named ${input.name} already exists; revoke it first or choose another name`, 409, 'name');
  }
  const secret = `${TOKEN_PREFIX}${randomSecret()}`;
  const token = await store.createToken({ name: input.name, scope, hash: sha256(secret), createdBy, createdAt: now });
  return { ...token, secret };
}

export async function revokeToken(store: AuthStore, rawId: string, now: number): Promise<ApiToken> {
  if (!/^\d+$/.test(rawId)) throw new AccessError(`expected a token id (a number), got "${rawId}"`, 400, 'id');
  const id = Number(rawId);
  const token = (await store.listTokens()).find((candidate) => candidate.id === id);
  if (!token) throw new AccessError(`no token ${rawId}`, 404, 'id');
  if (token.revokedAt !== null) throw new AccessError(`token ${rawId} (${token.name}) was already revoked`, 409, 'id');
  await store.revokeToken(id, now);
  return { ...token, revokedAt: now };
}
