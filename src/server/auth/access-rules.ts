import type { Role } from '../api/contract';

/**
 * Who may call what under /api/v1, in one table: the first rule whose path
 * matches decides. Paths are relative to /api/v1. Anything not listed needs
 * a viewer to read (GET, HEAD, OPTIONS) and an editor to change.
 */
export type Access = 'public' | Role;

type Rule = { path: RegExp; read: Access; write: Access };

export const accessRules: readonly Rule[] = [
  { path: /^\/auth\/(state|setup|login)$/, read: 'public', write: 'public' },
  // Anyone signed in may end their own session.
  { path: /^\/auth\/logout$/, read: 'viewer', write: 'viewer' },
  { path: /^\/(users|tokens)(\/|$)/, read: 'admin', write: 'admin' },
];

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isReadMethod = (method: string): boolean => READ_METHODS.has(method.toUpperCase());

export function requiredAccess(method: string, path: string): Access {
  const read = isReadMethod(method);
  const rule = accessRules.find((candidate) => candidate.path.test(path));
  if (rule) return read ? rule.read : rule.write;
  return read ? 'viewer' : 'editor';
}

const rank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };
export const roleAllows = (role: Role, needed: Role): boolean => rank[role] >= rank[needed];
