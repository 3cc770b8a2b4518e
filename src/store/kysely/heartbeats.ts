import type { Kysely, Selectable } from 'kysely';
import type { HeartbeatState, Ping, PingKind } from '../../heartbeats/model';
import type { HeartbeatStore, StoredPing } from '../../heartbeats/store-port';
import type { AlertWrites } from '../../notify/outbox';
import type { HeartbeatsStateTable } from '../heartbeats-schema';
import type { Database } from '../schema';
import { writeAlerts } from './alerts';

/** The HeartbeatStore over kysely: one implementation for SQLite and PostgreSQL. */

type Db = Kysely<Database>;
const num = (value: number | string | null): number | undefined => (value === null ? undefined : Number(value));
/** Rows per INSERT: 11 columns stay well under SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 1_000;

function stateRow(state: HeartbeatState): Omit<HeartbeatsStateTable, 'evaluated_key'> {
  return {
    heartbeat_id: state.heartbeatId,
    watched_since: state.watchedSince,
    last_ping_at: state.lastPingAt ?? null,
    last_success_at: state.lastSuccessAt ?? null,
    last_failure_at: state.lastFailureAt ?? null,
    last_failure_reason: state.lastFailureReason ?? null,
    open_runs: JSON.stringify(state.openRuns),
    last_duration_ms: state.lastDurationMs ?? null,
    pings: state.pings,
  };
}

function toState(row: Selectable<HeartbeatsStateTable>): HeartbeatState & { evaluatedKey?: string } {
  return {
    heartbeatId: row.heartbeat_id,
    watchedSince: Number(row.watched_since),
    lastPingAt: num(row.last_ping_at),
    lastSuccessAt: num(row.last_success_at),
    lastFailureAt: num(row.last_failure_at),
    lastFailureReason: row.last_failure_reason ?? undefined,
    openRuns: JSON.parse(row.open_runs) as Record<string, number>,
    lastDurationMs: num(row.last_duration_ms),
    pings: Number(row.pings),
    evaluatedKey: row.evaluated_key ?? undefined,
  };
}

export async function writePings(db: Db, pings: Ping[], states: HeartbeatState[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < pings.length; from += ROWS_PER_INSERT) {
      const rows = pings.slice(from, from + ROWS_PER_INSERT).map((p) => ({
        heartbeat_id: p.heartbeatId,
        at: p.at,
        kind: p.kind,
        exit_code: p.exitCode ?? null,
        run_id: p.runId ?? null,
        body: p.body ?? null,
        truncated: p.truncated ? 1 : 0,
        source_ip: p.sourceIp ?? null,
        user_agent: p.userAgent ?? null,
        method: p.method,
      }));
      await trx.insertInto('heartbeat_pings').values(rows).execute();
    }
    for (const state of states) {
      const { heartbeat_id: _key, watched_since: _since, ...pingColumns } = stateRow(state);
      await trx
        .insertInto('heartbeats_state')
        .values({ ...stateRow(state), evaluated_key: null })
        .onConflict((oc) => oc.column('heartbeat_id').doUpdateSet(pingColumns))
        .execute();
    }
  });
}

export async function markEvaluated(db: Db, marks: { heartbeatId: string; watchedSince: number; key: string }[], alerts: AlertWrites): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const mark of marks) {
      await trx
        .insertInto('heartbeats_state')
        .values({ heartbeat_id: mark.heartbeatId, watched_since: mark.watchedSince, open_runs: '{}', pings: 0, evaluated_key: mark.key, last_ping_at: null, last_success_at: null, last_failure_at: null, last_failure_reason: null, last_duration_ms: null })
        .onConflict((oc) => oc.column('heartbeat_id').doUpdateSet({ evaluated_key: mark.key }))
        .execute();
    }
    await writeAlerts(trx, alerts);
  });
}

export async function listPings(db: Db, query: { heartbeatId?: string; limit?: number }): Promise<StoredPing[]> {
  let select = db.selectFrom('heartbeat_pings').selectAll().orderBy('id', 'desc').limit(Math.min(query.limit ?? 50, 1000));
  if (query.heartbeatId) select = select.where('heartbeat_id', '=', query.heartbeatId);
  return (await select.execute()).map((row) => ({
    id: Number(row.id),
    heartbeatId: row.heartbeat_id,
    at: Number(row.at),
    kind: row.kind as PingKind,
    exitCode: num(row.exit_code),
    runId: row.run_id ?? undefined,
    body: row.body ?? undefined,
    truncated: row.truncated === 1,
    sourceIp: row.source_ip ?? undefined,
    userAgent: row.user_agent ?? undefined,
    method: row.method,
  }));
}

/** Chunks of 5,000 so ping ingestion is never blocked for long. */
export async function prunePings(db: Db, before: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const chunk = db.selectFrom('heartbeat_pings').select('id').where('at', '<', before).orderBy('id').limit(5_000);
    const result = await db.deleteFrom('heartbeat_pings').where('id', 'in', chunk).executeTakeFirst();
    const count = Number(result.numDeletedRows);
    deleted += count;
    if (count < 5_000) return deleted;
  }
}

export function kyselyHeartbeatStore(db: Db): HeartbeatStore {
  return {
    writePings: (pings, states) => writePings(db, pings, states),
    heartbeatStates: async () => (await db.selectFrom('heartbeats_state').selectAll().execute()).map(toState),
    listPings: (query) => listPings(db, query),
    countPings: async () => Number((await db.selectFrom('heartbeat_pings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    markEvaluated: (marks, alerts) => markEvaluated(db, marks, alerts),
    prunePings: (before) => prunePings(db, before),
  };
}
