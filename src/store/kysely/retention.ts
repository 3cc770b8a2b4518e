import type { Kysely } from 'kysely';
import { RETENTION_CHUNK, retentionCutoffs } from '../retention';
import type { RetentionPolicy } from '../ports';
import { seriesGroup, type Database, type RollupTableName } from '../schema';

/** Called between chunks; the SQLite adapter yields to the event loop there so ingestion in the same process gets the lock. */
export type Pause = () => Promise<void>;

/**
 * Oldest first, always: rollup readers rely on retention removing a prefix of
 * each series (see rollups.ts), and a run interrupted half-way must still
 * leave a prefix removed.
 */
async function deleteOldResults(db: Kysely<Database>, cutoff: number, pause: Pause): Promise<number> {
  let deleted = 0;
  for (;;) {
    const oldest = db.selectFrom('results').select('id').where('started_at', '<', cutoff).orderBy('started_at').limit(RETENTION_CHUNK);
    const { numDeletedRows } = await db.deleteFrom('results').where('id', 'in', oldest).executeTakeFirst();
    deleted += Number(numDeletedRows);
    if (Number(numDeletedRows) < RETENTION_CHUNK) return deleted;
    await pause();
  }
}

/**
 * Per key prefix (a series, or a series group for minute rows), so every
 * delete is a primary-key range: rows below the CHUNK-th oldest, or below the
 * cutoff when fewer are left.
 */
async function deleteOldRollups(
  db: Kysely<Database>,
  table: RollupTableName,
  prefixes: number[],
  cutoff: number,
  pause: Pause,
): Promise<number> {
  const column = table === 'rollup_minute' ? 'series_group' : 'series_id';
  const rollups = table as 'rollup_minute';
  let deleted = 0;
  for (const prefix of prefixes) {
    for (;;) {
      const next = await db
        .selectFrom(rollups)
        .select('bucket_start')
        .where(column, '=', prefix)
        .where('bucket_start', '<', cutoff)
        .orderBy('bucket_start')
        .limit(1)
        .offset(RETENTION_CHUNK)
        .executeTakeFirst();
      const below = next === undefined ? cutoff : Number(next.bucket_start);
      const { numDeletedRows } = await db.deleteFrom(rollups).where(column, '=', prefix).where('bucket_start', '<', below).executeTakeFirst();
      deleted += Number(numDeletedRows);
      if (Number(numDeletedRows) > 0) await pause();
      if (next === undefined) break;
    }
  }
  return deleted;
}

export async function applyRetention(
  db: Kysely<Database>,
  policy: RetentionPolicy,
  now: number,
  pause: Pause,
): Promise<{ results: number; minuteRollups: number; hourRollups: number }> {
  const cutoff = retentionCutoffs(policy, now);
  const seriesIds = (await db.selectFrom('series').select('id').orderBy('id').execute()).map((r) => Number(r.id));
  const groups = [...new Set(seriesIds.map(seriesGroup))];
  return {
    results: await deleteOldResults(db, cutoff.results, pause),
    minuteRollups: await deleteOldRollups(db, 'rollup_minute', groups, cutoff.minute, pause),
    hourRollups: await deleteOldRollups(db, 'rollup_hour', seriesIds, cutoff.hour, pause),
  };
}
