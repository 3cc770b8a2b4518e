import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { SqlDialectName } from './index';

/**
 * Results, series, rollups. Written with the schema builder and types both
 * SQLite and PostgreSQL accept ("bigint" has INTEGER affinity in SQLite,
 * "double precision" REAL); the only dialect switches are how an
 * auto-incrementing key is declared and SQLite's WITHOUT ROWID.
 *
 * Layout is chosen for the write path: one result must dirty as few pages as
 * possible. Whatever is keyed by time (results, the failure index, the start
 * index, hour rollups) is appended at the end of its tree; only the
 * per-series index of results and the minute rollups take one page per series.
 */
export function results001(dialect: SqlDialectName): Migration {
  const pg = dialect === 'postgres';
  // AUTOINCREMENT keeps SQLite from reusing ids after retention empties a
  // table: latest_results and keyset paging hold ids that must never point
  // at a different row later.
  const serialKey = pg ? 'bigserial' : 'integer';
  const keyRef = pg ? 'bigint' : 'integer';
  // A rollup row is little more than its key; without a rowid SQLite stores
  // it once, in primary-key order, instead of a table plus an index.
  const clustered = pg ? sql`` : sql`without rowid`;
  // No foreign keys to series on the hot tables: a check per row on every
  // insert, for rows only the store writes and series rows that are never deleted.

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('series')
        .addColumn('id', serialKey, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('deployment', 'text', (c) => c.notNull())
        .addUniqueConstraint('series_check_deployment', ['check_id', 'deployment'])
        .execute();

      await db.schema
        .createTable('results')
        .addColumn('id', serialKey, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('series_id', keyRef, (c) => c.notNull())
        .addColumn('series_group', keyRef, (c) => c.notNull())
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
      // Newest-first pages of one series walk their group backwards, skip
      // group-mates without reading their rows, and stop after `limit`.
      await db.schema.createIndex('results_series').on('results').columns(['series_group', 'id', 'series_id']).execute();
      // Failures only, in id order: "recent failures" reads nothing else, and it is appended to, never split.
      await db.schema.createIndex('results_failures').on('results').column('id').where(sql<boolean>`ok = 0`).execute();
      // Retention and "since" filters across all checks.
      await db.schema.createIndex('results_started').on('results').column('started_at').execute();

      await db.schema
        .createTable('latest_results')
        .addColumn('series_id', keyRef, (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('result_id', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('latest_results_pk', ['series_id', 'location'])
        .modifyEnd(clustered)
        .execute();

      // Minute rows are clustered by series group, then time (see
      // SERIES_GROUP_SIZE): charts and window edges read a series' recent
      // minutes. Hour rows are clustered by time: every batch updates the
      // current hour of each series it touches, and those rows sit together
      // on a few pages; rollup_hour_series serves per-series reads.
      const rollups: Array<{ table: string; key: Array<'series_group' | 'series_id' | 'bucket_start'> }> = [
        { table: 'rollup_minute', key: ['series_group', 'bucket_start', 'series_id'] },
        { table: 'rollup_hour', key: ['bucket_start', 'series_id'] },
      ];
      for (const { table, key } of rollups) {
        let create: CreateTableBuilder<string, string> = db.schema.createTable(table).addColumn('series_id', keyRef, (c) => c.notNull());
        if (key.includes('series_group')) create = create.addColumn('series_group', keyRef, (c) => c.notNull());
        await create
          .addColumn('bucket_start', 'bigint', (c) => c.notNull())
          .addColumn('runs', 'integer', (c) => c.notNull())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('sum_duration_ms', 'double precision', (c) => c.notNull())
          .addColumn('max_duration_ms', 'double precision', (c) => c.notNull())
          .addColumn('cum_runs', 'bigint', (c) => c.notNull())
          .addColumn('cum_failures', 'bigint', (c) => c.notNull())
          .addColumn('cum_duration_ms', 'double precision', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, key)
          .modifyEnd(clustered)
          .execute();
      }
      await db.schema.createIndex('rollup_hour_series').on('rollup_hour').columns(['series_id', 'bucket_start']).execute();
    },

    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['rollup_hour', 'rollup_minute', 'latest_results', 'results', 'series']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
