import { sql, type Kysely, type Selectable } from 'kysely';
import type { ResultQuery, ScheduleEntry, StoredResult } from '../ports';
import { seriesGroup, type Database, type ResultsTable } from '../schema';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

export function toStoredResult(row: Selectable<ResultsTable>): StoredResult {
  const result: StoredResult = {
    id: Number(row.id),
    checkId: row.check_id,
    deployment: row.deployment,
    location: row.location,
    startedAt: Number(row.started_at),
    ok: Number(row.ok) === 1,
    durationMs: Number(row.duration_ms),
    assertions: JSON.parse(row.assertions) as StoredResult['assertions'],
  };
  if (row.planned_at !== null) result.plannedAt = Number(row.planned_at);
  if (row.phases !== null) result.phases = JSON.parse(row.phases) as NonNullable<StoredResult['phases']>;
  if (row.error !== null) result.error = row.error;
  if (row.details !== null) result.details = JSON.parse(row.details) as NonNullable<StoredResult['details']>;
  return result;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

function page(db: Kysely<Database>, query: ResultQuery, limit: number, seriesId: number | undefined) {
  let q = db.selectFrom('results').selectAll();
  if (seriesId !== undefined) {
    // Start the walk at the series' newest result, not at its group's: a
    // series that stopped long ago would otherwise skip every later group-mate row.
    const newest = db.selectFrom('latest_results').select((eb) => eb.fn.max('result_id').as('id')).where('series_id', '=', seriesId);
    q = q.where('series_group', '=', seriesGroup(seriesId)).where('series_id', '=', seriesId).where('id', '<=', newest);
  } else if (query.deployment !== undefined) q = q.where('deployment', '=', query.deployment);
  if (query.since !== undefined) q = q.where('started_at', '>=', query.since);
  // A literal, not a bound parameter: only then may SQLite use the partial index on failures.
  if (query.failedOnly === true) q = q.where(sql<boolean>`ok = 0`);
  if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/**
 * Newest first by id. With a check, one backwards walk of results_series per
 * deployment of it, merged here (a check has a few deployments), so no query
 * sorts a check's whole history; without one, a backwards walk of the table.
 */
export async function listResults(db: Kysely<Database>, query: ResultQuery): Promise<StoredResult[]> {
  const limit = clampLimit(query.limit);
  if (query.checkId === undefined) return (await page(db, query, limit, undefined)).map(toStoredResult);
  let series = db.selectFrom('series').select('id').where('check_id', '=', query.checkId);
  if (query.deployment !== undefined) series = series.where('deployment', '=', query.deployment);
  const rows = [];
  for (const { id } of await series.execute()) rows.push(...(await page(db, query, limit, Number(id))));
  return rows
    .sort((a, b) => Number(b.id) - Number(a.id))
    .slice(0, limit)
    .map(toStoredResult);
}

/** One small-table scan joined by primary key; results already removed by retention simply drop out. */
export async function latestResults(db: Kysely<Database>): Promise<StoredResult[]> {
  const rows = await db
    .selectFrom('latest_results as l')
    .innerJoin('results as r', 'r.id', 'l.result_id')
    .selectAll('r')
    .orderBy('r.check_id')
    .orderBy('r.deployment')
    .orderBy('r.location')
    .execute();
  return rows.map(toStoredResult);
}

/** The newest start over a series' locations; latest_results is one row per series × location, so this stays small. */
export async function lastRuns(db: Kysely<Database>): Promise<ScheduleEntry[]> {
  const rows = await db
    .selectFrom('latest_results as l')
    .innerJoin('series as s', 's.id', 'l.series_id')
    .select(['s.check_id', 's.deployment', (eb) => eb.fn.max('l.started_at').as('last_started_at')])
    .groupBy(['s.id', 's.check_id', 's.deployment'])
    .orderBy('s.check_id')
    .orderBy('s.deployment')
    .execute();
  return rows.map((r) => ({ checkId: r.check_id, deployment: r.deployment, lastStartedAt: Number(r.last_started_at) }));
}
