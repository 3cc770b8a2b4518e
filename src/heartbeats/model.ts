/** Heartbeats: jobs that tell Vigil they ran, instead of Vigil checking them. Plain data, shared by config, ingestion and evaluation. */

export type HeartbeatSchedule = { kind: 'period'; periodMs: number } | { kind: 'cron'; cron: string; timezone: string };

export type Heartbeat = {
  name: string;
  /** The unguessable id in ping URLs. */
  id: string;
  /** Optional friendly form: `/ping/s/<slug>`. */
  slug?: string;
  schedule: HeartbeatSchedule;
  /** How long after an expected run a ping may still arrive before the run counts as missed. */
  graceMs: number;
  /** A start without a finish after this long is a failure. */
  maxDurationMs?: number;
  /** A run finishing faster than this is a failure (the job probably did nothing). */
  minDurationMs?: number;
  tags: string[];
  /** The deployment label incidents are grouped under; `heartbeats` by default. */
  deployment: string;
  runbook?: string;
};

export type PingKind = 'success' | 'start' | 'fail' | 'log' | 'exit';

/** One received ping, as stored. */
export type Ping = {
  heartbeatId: string;
  at: number;
  kind: PingKind;
  /** For `exit`: 0–255. */
  exitCode?: number;
  runId?: string;
  body?: string;
  /** The body was longer than the cap and was cut. */
  truncated: boolean;
  sourceIp?: string;
  userAgent?: string;
  method: string;
};

/**
 * What Vigil remembers of a heartbeat's pings: enough to judge it without
 * reading the ping log. Updated in the transaction that stores the pings.
 */
export type HeartbeatState = {
  heartbeatId: string;
  /** When Vigil first knew this heartbeat: the reference for a heartbeat that never pinged. */
  watchedSince: number;
  lastPingAt?: number;
  lastSuccessAt?: number;
  lastFailureAt?: number;
  lastFailureReason?: string;
  /** Starts without a finish yet, by run id (`''` for pings without one), oldest first. */
  openRuns: Record<string, number>;
  /** Duration of the last finished run that had a start. */
  lastDurationMs?: number;
  pings: number;
};

export const isFinish = (ping: Pick<Ping, 'kind'>): boolean => ping.kind === 'success' || ping.kind === 'fail' || ping.kind === 'exit';
export const isFailure = (ping: Pick<Ping, 'kind' | 'exitCode'>): boolean => ping.kind === 'fail' || (ping.kind === 'exit' && ping.exitCode !== 0);
