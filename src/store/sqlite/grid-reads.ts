import type BetterSqlite3 from 'better-sqlite3';
import type { CellHealth, LatestRun } from '../ports';

type LatestRow = [seriesId: number, startedAt: number, ok: number, durationMs: number, error: string | null];
type SeriesRow = [id: number, checkId: string, deployment: string];
type HealthRow = [checkId: string, deployment: string, state: CellHealth['state']];

/**
 * The grid's two reads on SQLite, as prepared statements returning arrays
 * rather than row objects: for the 10,000 rows of 5,000 checks on two
 * deployments that halves their cost (measured: 11.6 → 5.8 ms CPU for the
 * latest runs; 4.2 ms by series id instead of two text columns).
 */
export function createGridReads(db: BetterSqlite3.Database) {
  // By series id, named from a cache of the series table (append-only, so only new ids need a look).
  const latest = db.prepare<[], LatestRow>('SELECT l.series_id, r.started_at, r.ok, r.duration_ms, r.error FROM latest_results l JOIN results r ON r.id = l.result_id').raw(true);
  const newSeries = db.prepare<[number], SeriesRow>('SELECT id, check_id, deployment FROM series WHERE id > ?').raw(true);
  const series = new Map<number, { checkId: string; deployment: string }>();
  let newestSeries = 0;
  const seriesOf = (id: number) => {
    if (!series.has(id)) {
      for (const [seriesId, checkId, deployment] of newSeries.all(newestSeries)) {
        series.set(seriesId, { checkId, deployment });
        newestSeries = Math.max(newestSeries, seriesId);
      }
    }
    return series.get(id);
  };
  // Up and unknown look the same in a cell as no stored health; only the states that change a cell come back (usually a few).
  const health = db.prepare<[], HealthRow>("SELECT check_id, deployment, state FROM target_health WHERE state IN ('down', 'degraded', 'maintenance')").raw(true);
  return {
    latestRuns: (): LatestRun[] => {
      const runs: LatestRun[] = [];
      for (const [seriesId, startedAt, ok, durationMs, error] of latest.all()) {
        const named = seriesOf(seriesId);
        if (named) runs.push({ checkId: named.checkId, deployment: named.deployment, startedAt, ok: ok === 1, durationMs, error: error ?? undefined });
      }
      return runs;
    },
    healthStates: (): CellHealth[] => health.all().map(([checkId, deployment, state]) => ({ checkId, deployment, state })),
  };
}
