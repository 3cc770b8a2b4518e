import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Bucket, Uptime, UptimeWindow } from '../ports';
import { HOUR_MS, SERIES_GROUP_SIZE, seriesGroup, type Database } from '../schema';

/**
 * Window semantics: a minute bucket counts when its start lies in
 * [from, to). Uptime is C(to) − C(from), where C(t) is the series' running
 * total over buckets that start before t, read with a few key seeks per
 * series (see RollupTable) — so a 90-day window costs what a 1-hour one does.
 *
 * C(t), with H = the hour t falls in:
 *  1. the series' last minute bucket in H before t. Exact: retention deletes
 *     oldest-first, so nothing between that bucket and t can be missing.
 *  2. else its last hour bucket before H: exact when it has no runs in H
 *     before t, rounded down to H's start when those minutes are already
 *     gone (older than minute retention).
 *  3. else its first hour bucket from H on, minus that bucket's own runs:
 *     everything older was deleted, or the series started later.
 *  Nothing at all: the series has no rollups; it reports zero runs.
 * The minute lookup stays inside H so that it scans at most an hour of the
 * series' group (see SERIES_GROUP_SIZE), however long ago the series last ran.
 */
function edge(alias: string, at: number): { joins: RawBuilder<unknown>; columns: RawBuilder<unknown> } {
  const m = sql.raw(`${alias}_m`);
  const h = sql.raw(`${alias}_h`);
  const n = sql.raw(`${alias}_n`);
  const hourStart = Math.floor(at / HOUR_MS) * HOUR_MS;
  const joins = sql`
    LEFT JOIN rollup_minute ${m} ON ${m}.series_group = s.grp AND ${m}.series_id = s.id AND ${m}.bucket_start =
      (SELECT x.bucket_start FROM rollup_minute x
       WHERE x.series_group = s.grp AND x.series_id = s.id AND x.bucket_start >= ${hourStart} AND x.bucket_start < ${at}
       ORDER BY x.bucket_start DESC LIMIT 1)
    LEFT JOIN rollup_hour ${h} ON ${m}.series_id IS NULL AND ${h}.series_id = s.id AND ${h}.bucket_start =
      (SELECT max(x.bucket_start) FROM rollup_hour x WHERE x.series_id = s.id AND x.bucket_start < ${hourStart})
    LEFT JOIN rollup_hour ${n} ON ${m}.series_id IS NULL AND ${h}.series_id IS NULL AND ${n}.series_id = s.id AND ${n}.bucket_start =
      (SELECT min(x.bucket_start) FROM rollup_hour x WHERE x.series_id = s.id AND x.bucket_start >= ${hourStart})`;
  const columns = sql`
    COALESCE(${m}.cum_runs, ${h}.cum_runs, ${n}.cum_runs - ${n}.runs) AS ${sql.raw(`${alias}_runs`)},
    COALESCE(${m}.cum_failures, ${h}.cum_failures, ${n}.cum_failures - ${n}.failures) AS ${sql.raw(`${alias}_failures`)},
    COALESCE(${m}.cum_duration_ms, ${h}.cum_duration_ms, ${n}.cum_duration_ms - ${n}.sum_duration_ms) AS ${sql.raw(`${alias}_duration`)}`;
  return { joins, columns };
}

type UptimeRow = {
  check_id: string;
  deployment: string;
  f_runs: number | null;
  f_failures: number | null;
  f_duration: number | null;
  t_runs: number | null;
  t_failures: number | null;
  t_duration: number | null;
};

const num = (v: number | string | null): number => (v === null ? 0 : Number(v));

/** Every known series matching the filter; a series without runs in the window has runs 0 and ratio null. */
export async function uptime(
  db: Kysely<Database>,
  window: UptimeWindow,
  filter: { checkIds?: string[]; deployment?: string } = {},
): Promise<Uptime[]> {
  if (filter.checkIds !== undefined && filter.checkIds.length === 0) return [];
  const conditions: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (filter.checkIds !== undefined) conditions.push(sql`check_id IN (${sql.join(filter.checkIds)})`);
  if (filter.deployment !== undefined) conditions.push(sql`deployment = ${filter.deployment}`);
  const to = Math.max(window.from, window.to);
  const f = edge('f', window.from);
  const t = edge('t', to);
  const { rows } = await sql<UptimeRow>`
    SELECT s.check_id, s.deployment, ${f.columns}, ${t.columns}
    FROM (SELECT id, id / ${sql.lit(SERIES_GROUP_SIZE)} AS grp, check_id, deployment FROM series WHERE ${sql.join(conditions, sql` AND `)}) s
    ${f.joins}
    ${t.joins}
    ORDER BY s.check_id, s.deployment`.execute(db);
  return rows.map((row) => {
    const runs = num(row.t_runs) - num(row.f_runs);
    const failures = num(row.t_failures) - num(row.f_failures);
    const duration = num(row.t_duration) - num(row.f_duration);
    return {
      checkId: row.check_id,
      deployment: row.deployment,
      runs,
      failures,
      ratio: runs > 0 ? (runs - failures) / runs : null,
      avgDurationMs: runs > 0 ? duration / runs : null,
    };
  });
}

/** Buckets whose start lies in [from, to), oldest first. */
export async function buckets(
  db: Kysely<Database>,
  checkId: string,
  deployment: string,
  window: UptimeWindow,
  resolution: 'minute' | 'hour',
): Promise<Bucket[]> {
  const series = await db.selectFrom('series').select('id').where('check_id', '=', checkId).where('deployment', '=', deployment).executeTakeFirst();
  if (series === undefined) return [];
  const id = Number(series.id);
  const columns = ['bucket_start', 'runs', 'failures', 'sum_duration_ms', 'max_duration_ms'] as const;
  const rows =
    resolution === 'minute'
      ? await db
          .selectFrom('rollup_minute')
          .select(columns)
          .where('series_group', '=', seriesGroup(id))
          .where('series_id', '=', id)
          .where('bucket_start', '>=', window.from)
          .where('bucket_start', '<', window.to)
          .orderBy('bucket_start')
          .execute()
      : await db
          .selectFrom('rollup_hour')
          .select(columns)
          .where('series_id', '=', id)
          .where('bucket_start', '>=', window.from)
          .where('bucket_start', '<', window.to)
          .orderBy('bucket_start')
          .execute();
  return rows.map((r) => ({
    start: Number(r.bucket_start),
    runs: Number(r.runs),
    failures: Number(r.failures),
    avgDurationMs: Number(r.runs) > 0 ? Number(r.sum_duration_ms) / Number(r.runs) : 0,
    maxDurationMs: Number(r.max_duration_ms),
  }));
}
