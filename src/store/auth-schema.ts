import type { Generated } from 'kysely';

/** Table types of users and access (see migrations/004-auth.ts). Times are epoch ms. */

export type UsersTable = {
  name: string;
  role: string;
  /** `scrypt$N$r$p$salt$hash`, see src/server/auth/password.ts. */
  password_hash: string;
  created_at: number;
};

export type SessionsTable = {
  /** SHA-256 (hex) of the cookie's token. */
  id: string;
  user_name: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
};

export type ApiTokensTable = {
  id: Generated<number>;
  name: string;
  scope: string;
  /** SHA-256 (hex) of the secret. */
  hash: string;
  created_by: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
};

export type AuthTables = {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
};
