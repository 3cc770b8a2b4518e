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
 * nothing. Reloaded (newest hour row, newest start in latest_results)
 * whenever another connection has written to the database — PRAGMA
 * data_version changes only for other connections' commits — and updated
 * only after a batch commits, so a rolled-back batch leaves no trace here.
 */
export function createSeriesStates(db: BetterSqlite3.Database) {
  const findId = db.prepare<[string, string], { id: number }>('SELECT id FROM series WHERE check_id = ? AND deployment = ?');
  const createId = db.prepare<[string, string], { id: number }>('INSERT INTO series (check_id, deployment) VALUES (?, ?) RETURNING id');
  // Through rollup_hour_series; the newest hour row of a series always holds its newest run.
  const lastHourRow = db.prepare<[number], LastRow>(
    'SELECT bucket_start, cum_runs, cum_failures, cum_duration_ms FROM rollup_hour WHERE series_id = ? ORDER BY bucket_start DESC LIMIT 1',
  );
  const newestStart = db.prepare<[number], { started_at: number | null }>('SELECT max(started_at) AS started_at FROM latest_results WHERE series_id = ?');
  const dataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');

  let states = new Map<string, SeriesState>();
  let seenVersion = -1;

  function load(checkId: string, deployment: string): SeriesState {
    const id = (findId.get(checkId, deployment) ?? createId.get(checkId, deployment))?.id;
    if (id === undefined) throw new Error(`could not create series ${checkId} × ${deployment}`);
    const hour = lastHourRow.get(id);
    const newest = newestStart.get(id)?.started_at ?? null;
    return {
      id,
      lastMinute: newest === null ? -Infinity : floorTo(newest, MINUTE_MS),
      lastHour: hour === undefined ? -Infinity : floorTo(hour.bucket_start, HOUR_MS),
      // Retention removes hour rows last, so with none left there is nothing a new row's total must continue from.
      totals: { runs: hour?.cum_runs ?? 0, failures: hour?.cum_failures ?? 0, durationMs: hour?.cum_duration_ms ?? 0 },
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
