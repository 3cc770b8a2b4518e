import type { CheckResult } from '../domain/check-result';
import type { AlertStore, AlertWrites } from '../notify/outbox';
import type { HeartbeatStore } from '../heartbeats/store-port';
import type { AuthStore } from '../server/auth/store-port';
import type { DisparityStore, DisparityWrites } from './kysely/disparities';
import type { RemediationStore } from '../remediate/store-port';
import type { HealthState } from '../evaluate/confirmation';

/**
 * Storage is a few small ports, one per aggregate. SQLite implements them
 * today; PostgreSQL will implement the same ports through the same kysely
 * migrations, checked by one contract suite (test/store.contract.ts).
 */

export type StoredResult = CheckResult & { id: number };

export type ResultQuery = {
  checkId?: string;
  deployment?: string;
  /** Only results that started at or after this time (epoch ms). */
  since?: number;
  /** Only failed runs. */
  failedOnly?: boolean;
  /** Newest first; default 50, max 1000. */
  limit?: number;
  /** Keyset paging: results with id below this. */
  beforeId?: number;
};

export type ResultStore = {
  /**
   * Writes results and updates their minute and hour rollups in one transaction,
   * together with the alert writes (health, incidents, outbox) they caused, so a
   * crash can neither lose an alert nor send it twice.
   * `disparities` (from the monitor's disparity watch) replace those checks' stored disparities in the same transaction.
   */
  insertResults(results: CheckResult[], alerts?: AlertWrites, disparities?: DisparityWrites): Promise<void>;
  listResults(query: ResultQuery): Promise<StoredResult[]>;
  /** The newest result of every check × deployment (× location). */
  latestResults(): Promise<StoredResult[]>;
};

export type UptimeWindow = { from: number; to: number };

export type Uptime = {
  checkId: string;
  deployment: string;
  runs: number;
  failures: number;
  /** 0..1, or null when there were no runs in the window. */
  ratio: number | null;
  avgDurationMs: number | null;
};

export type Bucket = { start: number; runs: number; failures: number; avgDurationMs: number; maxDurationMs: number };

export type RollupStore = {
  /** Uptime over any window, from rollups: hour rollups for whole hours, minute rollups for the edges. */
  uptime(window: UptimeWindow, filter?: { checkIds?: string[]; deployment?: string }): Promise<Uptime[]>;
  /** Time series for charts. */
  buckets(checkId: string, deployment: string, window: UptimeWindow, resolution: 'minute' | 'hour'): Promise<Bucket[]>;
};

export type RetentionPolicy = {
  /** Raw results older than this are deleted. */
  rawDays: number;
  minuteRollupDays: number;
  hourRollupDays: number;
};

export type RetentionStore = {
  /** Deletes what the policy says is too old; returns how many rows went. Deletes in chunks so ingestion is never blocked for long. */
  applyRetention(policy: RetentionPolicy, now: number): Promise<{ results: number; minuteRollups: number; hourRollups: number }>;
};

/** A cell's newest run, without the JSON columns. */
export type LatestRun = { checkId: string; deployment: string; startedAt: number; ok: boolean; durationMs: number; error?: string };
export type CellHealth = { checkId: string; deployment: string; state: HealthState };

/** The status grid's reads: every cell at once, lean (src/server/api/grid-model.ts). */
export type GridStore = {
  latestRuns(): Promise<LatestRun[]>;
  /** Only the confirmed states that change a cell: down, degraded, maintenance (up and unknown show as no health). */
  healthStates(): Promise<CellHealth[]>;
};

export type ScheduleEntry = { checkId: string; deployment: string; lastStartedAt: number };

/** Remembers when each check last ran, so a restart (even after kill -9) resumes the schedule instead of running everything at once or waiting a full interval. */
export type ScheduleStore = {
  lastRuns(): Promise<ScheduleEntry[]>;
};

export type Store = ResultStore &
  AlertStore &
  RollupStore &
  RetentionStore &
  ScheduleStore &
  HeartbeatStore &
  AuthStore &
  DisparityStore &
  RemediationStore &
  GridStore & {
    /** Applies pending migrations. Idempotent. */
    migrate(): Promise<void>;
    close(): Promise<void>;
    /** Database size on disk in bytes (main file + WAL), for metrics and the store benchmark. */
    sizeBytes(): Promise<number>;
  };
