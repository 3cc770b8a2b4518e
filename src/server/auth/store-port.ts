import type { ApiToken, Role, TokenScope, User } from '../api/contract';

/** A user with the password hash: only the auth code sees this shape; routes answer `User`. */
export type StoredUser = User & { passwordHash: string };

export type StoredSession = {
  /** SHA-256 (hex) of the cookie's token. */
  id: string;
  userName: string;
  role: Role;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
};

/** The users-and-access aggregate of the store. */
export type AuthStore = {
  countUsers(): Promise<number>;
  /** Oldest first. */
  listUsers(): Promise<User[]>;
  getUser(name: string): Promise<StoredUser | undefined>;
  /**
   * Inserts a user; false when the name is taken. With `onlyIfNoUsers` the
   * insert happens only while the table is empty, in one statement, so two
   * racing first-run setups cannot both create an admin.
   */
  createUser(user: StoredUser, options?: { onlyIfNoUsers?: boolean }): Promise<boolean>;
  /** False when there is no such user. A new password hash also ends every session of that user. */
  updateUser(name: string, change: { role?: Role; passwordHash?: string }): Promise<boolean>;
  /** Deletes the user and their sessions; false when there was none. */
  deleteUser(name: string): Promise<boolean>;

  createSession(session: Omit<StoredSession, 'role'>): Promise<void>;
  /** The session with its user's current role (so a role change applies at once). */
  getSession(id: string): Promise<StoredSession | undefined>;
  touchSession(id: string, lastSeenAt: number, expiresAt: number): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Removes sessions that expired before `now`; returns how many. */
  deleteExpiredSessions(now: number): Promise<number>;

  createToken(token: { name: string; scope: TokenScope; hash: string; createdBy: string; createdAt: number }): Promise<ApiToken>;
  /** Newest first, revoked ones included. */
  listTokens(): Promise<ApiToken[]>;
  findTokenByHash(hash: string): Promise<ApiToken | undefined>;
  /** False when there is no such token or it was already revoked. */
  revokeToken(id: number, at: number): Promise<boolean>;
  touchToken(id: number, at: number): Promise<void>;
};
