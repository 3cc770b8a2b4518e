import type BetterSqlite3 from 'better-sqlite3';
import type { CheckResult } from '../../domain/check-result';
import { groupBatch, type BucketDelta } from '../rollup-batch';
import { seriesGroup, type RollupTableName } from '../schema';
import { createSeriesStates, type SeriesState, type Totals } from './series-state';

type Key = { group: number; series: number };

type RollupStatements = {
  /** The first bucket at or after a start: its cum minus its own sums is the series total before that start. */
  totalBefore: BetterSqlite3.Statement<[Key & { start: number }], Totals>;
  shiftLater: BetterSqlite3.Statement<[Key & { start: number; runs: number; failures: number; sum: number }]>;
  /** Positional, unlike the rare late-path statements: binding by name costs microseconds per row on the hot path. */
  upsert: BetterSqlite3.Statement<number[]>;
  /** Leading key values of an upsert: the series group only where the table is keyed by it. */
  keyValues(key: Key): number[];
};

/** Minute rows are keyed by series group first (see SERIES_GROUP_SIZE), hour rows by time; the statements differ only in key columns. */
const keys = {
  rollup_minute: { where: 'series_group = @group AND series_id = @series', columns: ['series_group', 'bucket_start', 'series_id'] },
  rollup_hour: { where: 'series_id = @series', columns: ['bucket_start', 'series_id'] },
} as const;

function rollupStatements(db: BetterSqlite3.Database, table: RollupTableName): RollupStatements {
  const { where, columns } = keys[table];
  const grouped = table === 'rollup_minute';
  return {
    totalBefore: db.prepare(
      `SELECT cum_runs - runs AS runs, cum_failures - failures AS failures, cum_duration_ms - sum_duration_ms AS durationMs
       FROM ${table} WHERE ${where} AND bucket_start >= @start ORDER BY bucket_start LIMIT 1`,
    ),
    shiftLater: db.prepare(
      `UPDATE ${table} SET cum_runs = cum_runs + @runs, cum_failures = cum_failures + @failures, cum_duration_ms = cum_duration_ms + @sum
       WHERE ${where} AND bucket_start > @start`,
    ),
    // CASE instead of max()/greatest() so the same statement runs on PostgreSQL.
    upsert: db.prepare(
      `INSERT INTO ${table} (${grouped ? 'series_group, ' : ''}series_id, bucket_start, runs, failures, sum_duration_ms, max_duration_ms, cum_runs, cum_failures, cum_duration_ms)
       VALUES (${grouped ? '?, ' : ''}?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (${columns.join(', ')}) DO UPDATE SET
         runs = ${table}.runs + excluded.runs,
         failures = ${table}.failures + excluded.failures,
         sum_duration_ms = ${table}.sum_duration_ms + excluded.sum_duration_ms,
         max_duration_ms = CASE WHEN excluded.max_duration_ms > ${table}.max_duration_ms THEN excluded.max_duration_ms ELSE ${table}.max_duration_ms END,
         cum_runs = ${table}.cum_runs + excluded.runs,
         cum_failures = ${table}.cum_failures + excluded.failures,
         cum_duration_ms = ${table}.cum_duration_ms + excluded.sum_duration_ms`,
    ),
    keyValues: grouped ? (key) => [key.group, key.series] : (key) => [key.series],
  };
}

/**
 * Adds a series' buckets (ascending) to one rollup table, keeping cum_* a
 * running total. Results arriving in order — almost all of them — land in
 * the newest bucket or after it and cost one upsert with no reads. Returns
 * the newest bucket afterwards.
 */
function addBuckets(st: RollupStatements, key: Key, buckets: BucketDelta[], lastBucket: number, totals: Totals): number {
  const keyValues = st.keyValues(key);
  const running = { ...totals };
  let last = lastBucket;
  for (const b of buckets) {
    let before: Totals = running;
    if (b.start < last) {
      // A late result: read the total before this bucket from the next row
      // *before* shifting the rows after it, or the shift would count twice.
      before = st.totalBefore.get({ ...key, start: b.start }) ?? running;
      st.shiftLater.run({ ...key, start: b.start, runs: b.runs, failures: b.failures, sum: b.sumDurationMs });
    }
    // On conflict the row keeps its own cum and adds the delta; `before` only matters for a new row.
    st.upsert.run(
      ...keyValues,
      b.start,
      b.runs,
      b.failures,
      b.sumDurationMs,
      b.maxDurationMs,
      before.runs + b.runs,
      before.failures + b.failures,
      before.durationMs + b.sumDurationMs,
    );
    running.runs += b.runs;
    running.failures += b.failures;
    running.durationMs += b.sumDurationMs;
    if (b.start > last) last = b.start;
  }
  return last;
}

const sumOf = (buckets: BucketDelta[], totals: Totals): Totals =>
  buckets.reduce((t, b) => ({ runs: t.runs + b.runs, failures: t.failures + b.failures, durationMs: t.durationMs + b.sumDurationMs }), totals);

export type BatchWriter = {
  /** In a transaction of its own. */
  write(results: readonly CheckResult[]): void;
  /** Inside the caller's open transaction; call the returned function once that transaction has committed. */
  writeWithin(results: readonly CheckResult[]): () => void;
};

/**
 * The hot path: results, their minute and hour rollups and the latest ids in
 * one transaction per batch, with prepared statements — either the whole
 * batch is visible with its rollups or none of it is. BEGIN IMMEDIATE takes
 * the write lock first, so no other connection can commit between the
 * freshness check of the series cache and our writes.
 */
export function createBatchWriter(db: BetterSqlite3.Database): BatchWriter {
  const insertResult = db.prepare<[number, number, string, string, string, number, number | null, number, number, string | null, string | null, string, string | null]>(
    `INSERT INTO results (series_id, series_group, check_id, deployment, location, started_at, planned_at, ok, duration_ms, phases, error, assertions, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertLatest = db.prepare<[number, string, number, number]>(
    `INSERT INTO latest_results (series_id, location, result_id, started_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (series_id, location) DO UPDATE SET result_id = excluded.result_id, started_at = excluded.started_at
     WHERE excluded.started_at >= latest_results.started_at`,
  );
  const minute = rollupStatements(db, 'rollup_minute');
  const hour = rollupStatements(db, 'rollup_hour');
  const series = createSeriesStates(db);

  const toRow = (r: CheckResult, seriesId: number) =>
    [
      seriesId,
      seriesGroup(seriesId),
      r.checkId,
      r.deployment,
      r.location,
      r.startedAt,
      r.plannedAt ?? null,
      r.ok ? 1 : 0,
      r.durationMs,
      r.phases === undefined ? null : JSON.stringify(r.phases),
      r.error ?? null,
      JSON.stringify(r.assertions),
      r.details === undefined ? null : JSON.stringify(r.details),
    ] as const;

  const write = db.transaction((results: readonly CheckResult[]) => {
    series.checkFreshness();
    const work = groupBatch(results).map((batch) => ({ batch, state: series.get(batch.checkId, batch.deployment) }));
    const seriesIds = new Array<number>(results.length);
    for (const { batch, state } of work) for (const index of batch.indexes) seriesIds[index] = state.id;
    // In batch order, so ids follow the order the caller gave.
    const ids = results.map((r, index) => Number(insertResult.run(...toRow(r, seriesIds[index] as number)).lastInsertRowid));
    return work.map(({ batch, state }): [string, string, SeriesState] => {
      for (const [location, index] of batch.newestByLocation) {
        upsertLatest.run(state.id, location, ids[index] as number, (results[index] as CheckResult).startedAt);
      }
      const key = { group: seriesGroup(state.id), series: state.id };
      const next: SeriesState = {
        id: state.id,
        lastMinute: addBuckets(minute, key, batch.minutes, state.lastMinute, state.totals),
        lastHour: addBuckets(hour, key, batch.hours, state.lastHour, state.totals),
        totals: sumOf(batch.hours, state.totals),
      };
      return [batch.checkId, batch.deployment, next];
    });
  });

  const rememberAll = (states: Array<[string, string, SeriesState]>): void => {
    for (const [checkId, deployment, state] of states) series.remember(checkId, deployment, state);
  };
  /** Inside a transaction the caller owns: it may still roll back, so the series touched are reloaded unless the caller confirms the commit. */
  const writeWithin = (results: readonly CheckResult[]): (() => void) => {
    const states = write(results);
    for (const [checkId, deployment] of states) series.forget(checkId, deployment);
    return () => rememberAll(states);
  };

  return {
    write(results) {
      if (db.inTransaction) writeWithin(results);
      else rememberAll(write.immediate(results));
    },
    writeWithin,
  };
}
