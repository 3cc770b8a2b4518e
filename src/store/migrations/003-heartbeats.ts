import type { Kysely, Migration } from 'kysely';
import type { SqlDialectName } from './index';

/** Heartbeats: every ping received, and one state row per heartbeat kept in step with them. */
export function heartbeats003(dialect: SqlDialectName): Migration {
  const pg = dialect === 'postgres';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('heartbeat_pings')
        .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('heartbeat_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('exit_code', 'integer')
        .addColumn('run_id', 'text')
        .addColumn('body', 'text')
        .addColumn('truncated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('source_ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('method', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('heartbeat_pings_by_heartbeat').on('heartbeat_pings').columns(['heartbeat_id', 'at']).execute();
      await db.schema
        .createTable('heartbeats_state')
        .addColumn('heartbeat_id', 'text', (c) => c.primaryKey())
        .addColumn('watched_since', 'bigint', (c) => c.notNull())
        .addColumn('last_ping_at', 'bigint')
        .addColumn('last_success_at', 'bigint')
        .addColumn('last_failure_at', 'bigint')
        .addColumn('last_failure_reason', 'text')
        .addColumn('open_runs', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('last_duration_ms', 'bigint')
        .addColumn('pings', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('evaluated_key', 'text')
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['heartbeats_state', 'heartbeat_pings']) await db.schema.dropTable(table).execute();
    },
  };
}
