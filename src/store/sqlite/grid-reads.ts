import type BetterSqlite3 from 'better-sqlite3';
import type { CellHealth, LatestRun } from '../ports';

type LatestRow = [checkId: string, deployment: string, startedAt: number, ok: number, durationMs: number, error: string | null];
type HealthRow = [checkId: string, deployment: string, state: CellHealth['state']];

/**
 * The grid's two reads on SQLite, as prepared statements returning arrays
 * rather than row objects: for the 10,000 rows of 5,000 checks on two
 * deployments that halves their cost (measured: 11.6 → 5.8 ms CPU for the
 * latest runs). src/store/kysely/grid.ts is the portable form of the same reads.
 */
export function createGridReads(db: BetterSqlite3.Database) {
  const latest = db
    .prepare<[], LatestRow>('SELECT r.check_id, r.deployment, r.started_at, r.ok, r.duration_ms, r.error FROM latest_results l JOIN results r ON r.id = l.result_id')
    .raw(true);
  const health = db.prepare<[], HealthRow>('SELECT check_id, deployment, state FROM target_health').raw(true);
  return {
    latestRuns: (): LatestRun[] =>
      latest.all().map(([checkId, deployment, startedAt, ok, durationMs, error]) => ({ checkId, deployment, startedAt, ok: ok === 1, durationMs, error: error ?? undefined })),
    healthStates: (): CellHealth[] => health.all().map(([checkId, deployment, state]) => ({ checkId, deployment, state })),
  };
}
