import type { CheckResult } from '../domain/check-result';
import { HOUR_MS, MINUTE_MS } from './schema';

/** What one batch adds to one bucket. Durations are whole ms (see RollupTable). */
export type BucketDelta = {
  start: number;
  runs: number;
  failures: number;
  sumDurationMs: number;
  maxDurationMs: number;
};

export type SeriesBatch = {
  checkId: string;
  deployment: string;
  maxStartedAt: number;
  /** Ascending by start: the writer relies on this order to keep running totals right. */
  minutes: BucketDelta[];
  hours: BucketDelta[];
  /** Indexes (in the batch) of this series' results. */
  indexes: number[];
  /** Location → index (in the batch) of its newest result. */
  newestByLocation: Map<string, number>;
};

export const floorTo = (t: number, size: number): number => Math.floor(t / size) * size;

function addTo(buckets: Map<number, BucketDelta>, start: number, failed: boolean, durationMs: number): void {
  const bucket = buckets.get(start);
  if (bucket === undefined) {
    buckets.set(start, { start, runs: 1, failures: failed ? 1 : 0, sumDurationMs: durationMs, maxDurationMs: durationMs });
    return;
  }
  bucket.runs += 1;
  if (failed) bucket.failures += 1;
  bucket.sumDurationMs += durationMs;
  if (durationMs > bucket.maxDurationMs) bucket.maxDurationMs = durationMs;
}

const ascending = (buckets: Map<number, BucketDelta>): BucketDelta[] => [...buckets.values()].sort((a, b) => a.start - b.start);

/** Groups a batch by check × deployment and sums it per minute and per hour, in memory, so each bucket is written once per batch. */
export function groupBatch(results: readonly CheckResult[]): SeriesBatch[] {
  const groups = new Map<string, { batch: SeriesBatch; minutes: Map<number, BucketDelta>; hours: Map<number, BucketDelta> }>();
  results.forEach((result, index) => {
    const key = JSON.stringify([result.checkId, result.deployment]);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        batch: {
          checkId: result.checkId,
          deployment: result.deployment,
          maxStartedAt: result.startedAt,
          minutes: [],
          hours: [],
          indexes: [],
          newestByLocation: new Map(),
        },
        minutes: new Map(),
        hours: new Map(),
      };
      groups.set(key, group);
    }
    const { batch } = group;
    batch.indexes.push(index);
    if (result.startedAt > batch.maxStartedAt) batch.maxStartedAt = result.startedAt;
    const newest = batch.newestByLocation.get(result.location);
    // Later in the batch wins a tie, like a later id would.
    if (newest === undefined || (results[newest]?.startedAt ?? -Infinity) <= result.startedAt) {
      batch.newestByLocation.set(result.location, index);
    }
    const durationMs = Math.round(result.durationMs);
    addTo(group.minutes, floorTo(result.startedAt, MINUTE_MS), !result.ok, durationMs);
    addTo(group.hours, floorTo(result.startedAt, HOUR_MS), !result.ok, durationMs);
  });
  return [...groups.values()].map(({ batch, minutes, hours }) => ({
    ...batch,
    minutes: ascending(minutes),
    hours: ascending(hours),
  }));
}
