import type { Generated } from 'kysely';

/** Table types of heartbeats (see migrations/003-heartbeats.ts). Times are epoch ms. */

export type HeartbeatPingsTable = {
  id: Generated<number>;
  heartbeat_id: string;
  at: number;
  kind: string;
  exit_code: number | null;
  run_id: string | null;
  body: string | null;
  /** 1 when the body was cut at the cap. */
  truncated: number;
  source_ip: string | null;
  user_agent: string | null;
  method: string;
};

/**
 * One row per heartbeat. The ping columns are written only by the ingester
 * (with the pings, in one transaction); `evaluated_key` only by the
 * evaluation loop (with the alerts it caused): disjoint columns, so neither
 * overwrites the other.
 */
export type HeartbeatsStateTable = {
  heartbeat_id: string;
  watched_since: number;
  last_ping_at: number | null;
  last_success_at: number | null;
  last_failure_at: number | null;
  last_failure_reason: string | null;
  /** JSON: run id → start time. */
  open_runs: string;
  last_duration_ms: number | null;
  pings: number;
  evaluated_key: string | null;
};

export type HeartbeatTables = {
  heartbeat_pings: HeartbeatPingsTable;
  heartbeats_state: HeartbeatsStateTable;
};
