import type BetterSqlite3 from 'better-sqlite3';
import { HOUR_MS, MINUTE_MS } from '../schema';
import { floorTo } from '../rollup-batch';

export type Totals = { runs: number; failures: number; durationMs: number };

/** What the writer needs to know about a series to append to its rollups without reading them. */
export type SeriesState = {
  id: number;
  /** Newest bucket each table holds for the series; -Infinity when none. */
  lastMinute: number;
  lastHour: number;
  /** Running totals (cum_*) of its newest rollup row: where a new row's cum starts. */
  totals: Totals;
};

type LastRow = { bucket_start: number; cum_runs: number; cum_failures: number; cum_duration_ms: number };

/**
 * Series state kept in memory between batches, so appending a result reads
 * nothing. Rebuilt from the rollups whenever another connection has written
 * to the database (PRAGMA data_version changes only for other connections'
 * commits), and updated only after a batch commits, so a rolled-back batch
 * leaves no trace here.
 */
export function createSeriesStates(db: BetterSqlite3.Database) {
  const findId = db.prepare<[string, string], { id: number }>('SELECT id FROM series WHERE check_id = ? AND deployment = ?');
  const createId = db.prepare<[string, string], { id: number }>('INSERT INTO series (check_id, deployment) VALUES (?, ?) RETURNING id');
  const lastRow = (table: string) =>
    db.prepare<[number], LastRow>(
      `SELECT bucket_start, cum_runs, cum_failures, cum_duration_ms FROM ${table} WHERE series_id = ? ORDER BY bucket_start DESC LIMIT 1`,
    );
  const lastMinuteRow = lastRow('rollup_minute');
  const lastHourRow = lastRow('rollup_hour');
  const dataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');

  let states = new Map<string, SeriesState>();
  let seenVersion = -1;

  function load(checkId: string, deployment: string): SeriesState {
    const id = (findId.get(checkId, deployment) ?? createId.get(checkId, deployment))?.id;
    if (id === undefined) throw new Error(`could not create series ${checkId} × ${deployment}`);
    const minute = lastMinuteRow.get(id);
    const hour = lastHourRow.get(id);
    // Both rows end at the series' newest run, so their totals agree; take the
    // larger in case retention has already removed one of them.
    const newest = (minute?.cum_runs ?? -1) >= (hour?.cum_runs ?? -1) ? minute : hour;
    return {
      id,
      lastMinute: minute === undefined ? -Infinity : floorTo(minute.bucket_start, MINUTE_MS),
      lastHour: hour === undefined ? -Infinity : floorTo(hour.bucket_start, HOUR_MS),
      totals: { runs: newest?.cum_runs ?? 0, failures: newest?.cum_failures ?? 0, durationMs: newest?.cum_duration_ms ?? 0 },
    };
  }

  return {
    /** Call inside the write transaction, before reading any state. */
    checkFreshness(): void {
      const version = dataVersion.get()?.data_version ?? -1;
      if (version !== seenVersion) states = new Map();
      seenVersion = version;
    },
    get(checkId: string, deployment: string): SeriesState {
      const key = `${checkId}\u0000${deployment}`;
      return states.get(key) ?? load(checkId, deployment);
    },
    forget(checkId: string, deployment: string): void {
      states.delete(`${checkId}\u0000${deployment}`);
    },
    /** Call after commit only. */
    remember(checkId: string, deployment: string, state: SeriesState): void {
      states.set(`${checkId}\u0000${deployment}`, state);
    },
  };
}
