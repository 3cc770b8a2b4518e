import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApiToken, Role, TokenScope } from '../../server/api/contract';
import type { AuthStore } from '../../server/auth/store-port';
import type { ApiTokensTable } from '../auth-schema';
import type { Database } from '../schema';

/** The AuthStore over kysely: one implementation for SQLite and PostgreSQL. */

type Db = Kysely<Database>;
const nullableNumber = (value: number | string | null): number | null => (value === null ? null : Number(value));

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: Number(row.id),
    name: row.name,
    scope: row.scope as TokenScope,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    lastUsedAt: nullableNumber(row.last_used_at),
    revokedAt: nullableNumber(row.revoked_at),
  };
}

export function kyselyAuthStore(db: Db): AuthStore {
  return {
    async countUsers() {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async listUsers() {
      const rows = await db.selectFrom('users').select(['name', 'role', 'created_at']).orderBy('created_at').orderBy('name').execute();
      return rows.map((row) => ({ name: row.name, role: row.role as Role, createdAt: Number(row.created_at) }));
    },

    async getUser(name) {
      const row = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
      return row && { name: row.name, role: row.role as Role, createdAt: Number(row.created_at), passwordHash: row.password_hash };
    },

    async createUser(user, options = {}) {
      const values = { name: user.name, role: user.role, password_hash: user.passwordHash, created_at: user.createdAt };
      if (options.onlyIfNoUsers) {
        // INSERT … SELECT … WHERE NOT EXISTS: the check and the insert are one statement.
        const result = await db
          .insertInto('users')
          .columns(['name', 'role', 'password_hash', 'created_at'])
          .expression(
            db
              .selectNoFrom((eb) => [eb.val(values.name).as('name'), eb.val(values.role).as('role'), eb.val(values.password_hash).as('password_hash'), eb.val(values.created_at).as('created_at')])
              .where((eb) => eb.not(eb.exists(eb.selectFrom('users').select(sql.lit(1).as('one'))))),
          )
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      const result = await db.insertInto('users').values(values).onConflict((oc) => oc.column('name').doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async updateUser(name, change) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('users')
          .set({ ...(change.role ? { role: change.role } : {}), ...(change.passwordHash ? { password_hash: change.passwordHash } : {}) })
          .where('name', '=', name)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        if (change.passwordHash) await trx.deleteFrom('sessions').where('user_name', '=', name).execute();
        return true;
      });
    },

    async deleteUser(name) {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sessions').where('user_name', '=', name).execute();
        const result = await trx.deleteFrom('users').where('name', '=', name).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },

    async createSession(session) {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_name: session.userName,
          csrf_token: session.csrfToken,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },

    async getSession(id) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.name', 'sessions.user_name')
        .select(['sessions.id', 'sessions.user_name', 'users.role', 'sessions.csrf_token', 'sessions.created_at', 'sessions.last_seen_at', 'sessions.expires_at'])
        .where('sessions.id', '=', id)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          userName: row.user_name,
          role: row.role as Role,
          csrfToken: row.csrf_token,
          createdAt: Number(row.created_at),
          lastSeenAt: Number(row.last_seen_at),
          expiresAt: Number(row.expires_at),
        }
      );
    },

    async touchSession(id, lastSeenAt, expiresAt) {
      await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
    },

    async deleteSession(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    async deleteExpiredSessions(now) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async createToken(token) {
      const row = await db
        .insertInto('api_tokens')
        .values({ name: token.name, scope: token.scope, hash: token.hash, created_by: token.createdBy, created_at: token.createdAt, last_used_at: null, revoked_at: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toToken(row);
    },

    async listTokens() {
      return (await db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute()).map(toToken);
    },

    async findTokenByHash(hash) {
      const row = await db.selectFrom('api_tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
      return row && toToken(row);
    },

    async revokeToken(id, at) {
      const result = await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async touchToken(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
