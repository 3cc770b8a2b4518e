import type { Generated } from 'kysely';
import type { AlertingTables } from './alerting-schema';
import type { HeartbeatTables } from './heartbeats-schema';
import type { AuthTables } from './auth-schema';
import type { DisparityTables } from './kysely/disparities';
import type { RemediationTables } from './kysely/remediation';

/**
 * Table types for kysely, shared by every adapter. Times are epoch ms.
 * Numbers may come back as strings from drivers that map bigint to text
 * (node-postgres), so readers wrap them in Number().
 */

export type ResultsTable = {
  id: Generated<number>;
  series_id: number;
  /** seriesGroup(series_id); see SERIES_GROUP_SIZE. */
  series_group: number;
  check_id: string;
  deployment: string;
  location: string;
  started_at: number;
  planned_at: number | null;
  /** 1 or 0: portable across SQLite and PostgreSQL, and lets a partial index on failures match `ok = 0`. */
  ok: number;
  duration_ms: number;
  /** JSON text. */
  phases: string | null;
  error: string | null;
  /** JSON text. */
  assertions: string;
  /** JSON text. */
  details: string | null;
};

/**
 * One row per check × deployment, never updated or deleted: it only gives
 * rollups a small integer key (rollup rows are as many as results, so a
 * text key would double them) and lets a writer cache the id for good.
 */
export type SeriesTable = {
  id: Generated<number>;
  check_id: string;
  deployment: string;
};

/**
 * A minute or hour bucket of one series. The cum_* columns are running
 * totals of the series up to and including this bucket, so a window's sum is
 * two lookups per series (total at its end minus total at its start) instead
 * of a scan over every bucket inside it.
 */
export type RollupTable = {
  series_id: number;
  bucket_start: number;
  runs: number;
  failures: number;
  /** Whole milliseconds: SQLite then stores the value as a small integer. */
  sum_duration_ms: number;
  max_duration_ms: number;
  cum_runs: number;
  cum_failures: number;
  cum_duration_ms: number;
};

/** Minute rows also carry their series group, the first column of their key. */
export type MinuteRollupTable = RollupTable & { series_group: number };

/** The newest result per check × deployment × location: latestResults(), and lastRuns() as its maximum per series. */
export type LatestResultsTable = {
  series_id: number;
  location: string;
  result_id: number;
  started_at: number;
};

export type Database = AlertingTables &
  HeartbeatTables &
  AuthTables &
  DisparityTables &
  RemediationTables & {
  results: ResultsTable;
  series: SeriesTable;
  latest_results: LatestResultsTable;
  rollup_minute: MinuteRollupTable;
  rollup_hour: RollupTable;
};

export type RollupTableName = 'rollup_minute' | 'rollup_hour';

/**
 * Per-series data that arrives every minute (the results index, minute
 * rollups) is keyed by a group of this many consecutive series first, then
 * time. A batch holds results of many series; grouped, they land on one
 * tail page per group instead of one per series, so a commit writes (and a
 * checkpoint later copies) several times fewer pages, at the price of reads
 * of one series skipping its group-mates' rows.
 */
export const SERIES_GROUP_SIZE = 16;
export const seriesGroup = (seriesId: number): number => Math.floor(seriesId / SERIES_GROUP_SIZE);

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
