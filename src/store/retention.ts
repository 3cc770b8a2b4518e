import type { RetentionPolicy } from './ports';

export const DAY_MS = 86_400_000;

/** Raw results for two weeks of debugging, minute detail for a month of charts, hours for a year-over-year view. */
export const defaultRetention: RetentionPolicy = { rawDays: 14, minuteRollupDays: 30, hourRollupDays: 400 };

/** Rows per delete statement: big enough to be quick, small enough that a writer never waits long for the lock. */
export const RETENTION_CHUNK = 5_000;

export function retentionCutoffs(policy: RetentionPolicy, now: number): { results: number; minute: number; hour: number } {
  return {
    results: now - policy.rawDays * DAY_MS,
    minute: now - policy.minuteRollupDays * DAY_MS,
    hour: now - policy.hourRollupDays * DAY_MS,
  };
}
