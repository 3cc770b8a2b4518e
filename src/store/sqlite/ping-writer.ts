import type BetterSqlite3 from 'better-sqlite3';
import type { HeartbeatState, Ping } from '../../heartbeats/model';

/**
 * Pings and heartbeat states in one transaction with prepared statements:
 * the kysely version (kysely/heartbeats.ts, for PostgreSQL) compiles every
 * statement anew, which at thousands of pings a second costs more than
 * SQLite's work itself. Same tables, same effect.
 */
export function createPingWriter(db: BetterSqlite3.Database): (pings: Ping[], states: HeartbeatState[]) => void {
  const insert = db.prepare<[string, number, string, number | null, string | null, string | null, number, string | null, string | null, string]>(
    `INSERT INTO heartbeat_pings (heartbeat_id, at, kind, exit_code, run_id, body, truncated, source_ip, user_agent, method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The evaluation loop owns evaluated_key and watched_since stays as first written: neither is touched on conflict.
  const upsert = db.prepare<[string, number, number | null, number | null, number | null, string | null, string, number | null, number]>(
    `INSERT INTO heartbeats_state (heartbeat_id, watched_since, last_ping_at, last_success_at, last_failure_at, last_failure_reason, open_runs, last_duration_ms, pings)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (heartbeat_id) DO UPDATE SET last_ping_at = excluded.last_ping_at, last_success_at = excluded.last_success_at,
       last_failure_at = excluded.last_failure_at, last_failure_reason = excluded.last_failure_reason, open_runs = excluded.open_runs,
       last_duration_ms = excluded.last_duration_ms, pings = excluded.pings`,
  );
  return db.transaction((pings: Ping[], states: HeartbeatState[]) => {
    for (const p of pings) {
      insert.run(p.heartbeatId, p.at, p.kind, p.exitCode ?? null, p.runId ?? null, p.body ?? null, p.truncated ? 1 : 0, p.sourceIp ?? null, p.userAgent ?? null, p.method);
    }
    for (const s of states) {
      upsert.run(s.heartbeatId, s.watchedSince, s.lastPingAt ?? null, s.lastSuccessAt ?? null, s.lastFailureAt ?? null, s.lastFailureReason ?? null, JSON.stringify(s.openRuns), s.lastDurationMs ?? null, s.pings);
    }
  });
}
