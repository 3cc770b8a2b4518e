import type { Kysely } from 'kysely';
import type { CellHealth, LatestRun } from '../ports';
import type { Database } from '../schema';

/**
 * The status grid's two reads: lean on purpose (no JSON columns parsed, only
 * what a cell shows), because the grid reads every check × deployment on
 * each request — 10,000 rows for 5,000 checks on two deployments.
 */

/** The newest run of every series × location (the caller keeps the newest per series). */
export async function latestRuns(db: Kysely<Database>): Promise<LatestRun[]> {
  const rows = await db
    .selectFrom('latest_results as l')
    // The result row carries its check and deployment: one key lookup per cell, no join through series.
    .innerJoin('results as r', 'r.id', 'l.result_id')
    .select(['r.check_id', 'r.deployment', 'r.started_at', 'r.ok', 'r.duration_ms', 'r.error'])
    .execute();
  return rows.map((r) => ({ checkId: r.check_id, deployment: r.deployment, startedAt: Number(r.started_at), ok: Number(r.ok) === 1, durationMs: Number(r.duration_ms), error: r.error ?? undefined }));
}

/** The confirmed states that change a cell (down, degraded, maintenance); up and unknown are left out. */
export async function healthStates(db: Kysely<Database>): Promise<CellHealth[]> {
  const rows = await db.selectFrom('target_health').select(['check_id', 'deployment', 'state']).where('state', 'in', ['down', 'degraded', 'maintenance']).execute();
  return rows.map((r) => ({ checkId: r.check_id, deployment: r.deployment, state: r.state as CellHealth['state'] }));
}
