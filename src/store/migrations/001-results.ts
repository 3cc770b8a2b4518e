import { sql, type Kysely, type Migration } from 'kysely';
import type { SqlDialectName } from './index';

/**
 * Results, series, rollups. Written with the schema builder and types both
 * SQLite and PostgreSQL accept ("bigint" has INTEGER affinity in SQLite,
 * "double precision" REAL); the only dialect switches are how an
 * auto-incrementing key is declared and SQLite's WITHOUT ROWID.
 */
export function results001(dialect: SqlDialectName): Migration {
  const pg = dialect === 'postgres';
  // AUTOINCREMENT keeps SQLite from reusing ids after retention empties a
  // table: latest_results and keyset paging hold ids that must never point
  // at a different row later.
  const serialKey = pg ? 'bigserial' : 'integer';
  const keyRef = pg ? 'bigint' : 'integer';
  // No foreign keys to series on the hot tables: a check per row on every
  // insert, for rows only the store writes and series rows that are never deleted.
  // A rollup row is little more than its key; without a rowid SQLite stores
  // it once, in primary-key order, instead of a table plus an index.
  const clustered = pg ? sql`` : sql`without rowid`;

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('results')
        .addColumn('id', serialKey, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('deployment', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('planned_at', 'bigint')
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('duration_ms', 'double precision', (c) => c.notNull())
        .addColumn('phases', 'text')
        .addColumn('error', 'text')
        .addColumn('assertions', 'text', (c) => c.notNull())
        .addColumn('details', 'text')
        .execute();
      // Newest-first pages of one check walk this index backwards and stop
      // after `limit` rows; no sort.
      await db.schema.createIndex('results_check').on('results').columns(['check_id', 'deployment', 'id']).execute();
      // Small (failures only), and serves "recent failures" without reading every success.
      await db.schema
        .createIndex('results_failures')
        .on('results')
        .columns(['check_id', 'deployment', 'id'])
        .where(sql<boolean>`ok = 0`)
        .execute();
      // Retention and "since" filters across all checks.
      await db.schema.createIndex('results_started').on('results').column('started_at').execute();

      await db.schema
        .createTable('series')
        .addColumn('id', serialKey, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('deployment', 'text', (c) => c.notNull())
        .addUniqueConstraint('series_check_deployment', ['check_id', 'deployment'])
        .execute();

      await db.schema
        .createTable('latest_results')
        .addColumn('series_id', keyRef, (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('result_id', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('latest_results_pk', ['series_id', 'location'])
        .modifyEnd(clustered)
        .execute();

      for (const table of ['rollup_minute', 'rollup_hour']) {
        await db.schema
          .createTable(table)
          .addColumn('series_id', keyRef, (c) => c.notNull())
          .addColumn('bucket_start', 'bigint', (c) => c.notNull())
          .addColumn('runs', 'integer', (c) => c.notNull())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('sum_duration_ms', 'double precision', (c) => c.notNull())
          .addColumn('max_duration_ms', 'double precision', (c) => c.notNull())
          .addColumn('cum_runs', 'bigint', (c) => c.notNull())
          .addColumn('cum_failures', 'bigint', (c) => c.notNull())
          .addColumn('cum_duration_ms', 'double precision', (c) => c.notNull())
          // Series first: every read is "this series, this time range".
          .addPrimaryKeyConstraint(`${table}_pk`, ['series_id', 'bucket_start'])
          .modifyEnd(clustered)
          .execute();
      }
    },

    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['rollup_hour', 'rollup_minute', 'latest_results', 'series', 'results']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
