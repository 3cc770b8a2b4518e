import type { Kysely } from 'kysely';
import { RETENTION_CHUNK, retentionCutoffs } from '../retention';
import type { RetentionPolicy } from '../ports';
import type { Database, RollupTableName } from '../schema';

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

/** Per series, so every delete is a primary-key range and no index on bucket_start is needed. */
async function deleteOldRollups(
  db: Kysely<Database>,
  table: RollupTableName,
  seriesIds: number[],
  cutoff: number,
  pause: Pause,
): Promise<number> {
  const rollups = table as 'rollup_minute';
  let deleted = 0;
  for (const seriesId of seriesIds) {
    for (;;) {
      const oldest = db
        .selectFrom(rollups)
        .select('bucket_start')
        .where('series_id', '=', seriesId)
        .where('bucket_start', '<', cutoff)
        .orderBy('bucket_start')
        .limit(RETENTION_CHUNK);
      const { numDeletedRows } = await db
        .deleteFrom(rollups)
        .where('series_id', '=', seriesId)
        .where('bucket_start', 'in', oldest)
        .executeTakeFirst();
      deleted += Number(numDeletedRows);
      if (Number(numDeletedRows) > 0) await pause();
      if (Number(numDeletedRows) < RETENTION_CHUNK) break;
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
  return {
    results: await deleteOldResults(db, cutoff.results, pause),
    minuteRollups: await deleteOldRollups(db, 'rollup_minute', seriesIds, cutoff.minute, pause),
    hourRollups: await deleteOldRollups(db, 'rollup_hour', seriesIds, cutoff.hour, pause),
  };
}
