import type { Kysely, Migration } from 'kysely';
import type { SqlDialectName } from './index';

/**
 * Remediation: the audit log of action attempts. `claim_key` is unique (NULLs
 * allowed many times in SQLite and PostgreSQL alike): the first attempt that
 * runs for an incident takes it, so a second cannot run concurrently or later.
 */
export function remediation006(dialect: SqlDialectName): Migration {
  const pg = dialect === 'postgres';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('remediation_attempts')
        .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'bigint')
        .addColumn('deployment', 'text', (c) => c.notNull())
        .addColumn('to_deployment', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('policy', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('claim_key', 'text', (c) => c.unique())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .addColumn('output', 'text')
        .addColumn('provider_response', 'text')
        .addColumn('recheck', 'text')
        .execute();
      await db.schema.createIndex('remediation_attempts_incident').on('remediation_attempts').columns(['incident_id', 'id']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('remediation_attempts').execute();
    },
  };
}
