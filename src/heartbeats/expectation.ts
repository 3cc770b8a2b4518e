import { Cron } from 'croner';
import type { Heartbeat, HeartbeatSchedule, HeartbeatState } from './model';

/**
 * Whether a heartbeat is on time, from its remembered pings and `now`. Pure:
 * no clock, no I/O, so every case (time zones, DST, overlapping runs) is a
 * row in a table test.
 *
 * - `new`: never finished a run and its first expected run is not overdue.
 * - `up`: the last run succeeded and the next one is not overdue.
 * - `late`: an expected run passed its grace without a ping (a missed run).
 * - `down`: a failure signal (`/fail`, exit code ≠ 0), a run longer than
 *   `maxDuration` or shorter than `minDuration`.
 */
export type HeartbeatStatus = 'new' | 'up' | 'late' | 'down';

/**
 * One observation for the confirmation state machine: each distinct event
 * (a finished run, a missed run, an overrun) has its own key, so the
 * evaluation loop feeds it exactly once however often it looks.
 */
export type HeartbeatEvent = { key: string; ok: boolean; at: number; error?: string };

export type Expectation = {
  status: HeartbeatStatus;
  /** When the next expected run becomes overdue (for `late`: when the next miss counts). */
  dueAt?: number;
  /** Missed runs since the last success (or since watching began). */
  missedRuns: number;
  reason?: string;
  event?: HeartbeatEvent;
};

const MAX_MISSED_COUNTED = 1_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

// A memo of parsed cron patterns keyed by the (immutable) schedule object, not state: same input, same answer.
const crons = new WeakMap<HeartbeatSchedule, Cron>();

/** The first expected run strictly after `from`. */
export function nextExpected(schedule: HeartbeatSchedule, from: number): number | undefined {
  if (schedule.kind === 'period') return from + schedule.periodMs;
  let cron = crons.get(schedule);
  if (!cron) crons.set(schedule, (cron = new Cron(schedule.cron, { timezone: schedule.timezone, paused: true })));
  return cron.nextRun(new Date(from))?.getTime();
}

export function expectation(heartbeat: Heartbeat, state: HeartbeatState | undefined, now: number): Expectation {
  const s: HeartbeatState = state ?? { heartbeatId: heartbeat.id, watchedSince: now, openRuns: {}, pings: 0 };
  const lastFinish = Math.max(s.lastSuccessAt ?? -Infinity, s.lastFailureAt ?? -Infinity);

  // An overrun counts until a later finish shows the job is back (that finish then speaks for itself).
  if (heartbeat.maxDurationMs !== undefined) {
    const max = heartbeat.maxDurationMs;
    const overrun = Object.values(s.openRuns)
      .filter((startedAt) => startedAt + max <= now && lastFinish < startedAt + max)
      .sort((a, b) => a - b)[0];
    if (overrun !== undefined) {
      const reason = `started ${iso(overrun)} and not finished after ${Math.round(max / 1000)}s (maxDuration)`;
      return { status: 'down', missedRuns: 0, reason, event: { key: `long:${overrun}`, ok: false, at: overrun + max, error: reason } };
    }
  }
  if (s.lastFailureAt !== undefined && s.lastFailureAt >= (s.lastSuccessAt ?? -Infinity)) {
    const reason = s.lastFailureReason ?? 'the job reported a failure';
    return { status: 'down', missedRuns: 0, reason, event: { key: `fail:${s.lastFailureAt}`, ok: false, at: s.lastFailureAt, error: reason } };
  }
  if (s.lastSuccessAt !== undefined && heartbeat.minDurationMs !== undefined && s.lastDurationMs !== undefined && s.lastDurationMs < heartbeat.minDurationMs) {
    const reason = `finished in ${(s.lastDurationMs / 1000).toFixed(1)}s, faster than minDuration ${(heartbeat.minDurationMs / 1000).toFixed(1)}s`;
    return { status: 'down', missedRuns: 0, reason, event: { key: `short:${s.lastSuccessAt}`, ok: false, at: s.lastSuccessAt, error: reason } };
  }

  const anchor = s.lastSuccessAt ?? s.watchedSince;
  const expected = nextExpected(heartbeat.schedule, anchor);
  const okEvent = s.lastSuccessAt !== undefined ? { key: `ok:${s.lastSuccessAt}`, ok: true, at: s.lastSuccessAt } : undefined;
  if (expected === undefined) return { status: s.lastSuccessAt !== undefined ? 'up' : 'new', missedRuns: 0, event: okEvent };
  const deadline = expected + heartbeat.graceMs;
  if (now < deadline) return { status: s.lastSuccessAt !== undefined ? 'up' : 'new', dueAt: deadline, missedRuns: 0, event: okEvent };

  // Count each expected run whose grace has passed: "alert after 2 missed runs" is the confirmation policy's job.
  let missed = 1;
  let latest = expected;
  for (let next = nextExpected(heartbeat.schedule, latest); next !== undefined && next + heartbeat.graceMs <= now && missed < MAX_MISSED_COUNTED; next = nextExpected(heartbeat.schedule, latest)) {
    latest = next;
    missed++;
  }
  const following = nextExpected(heartbeat.schedule, latest);
  const since = s.lastSuccessAt !== undefined ? `no ping since ${iso(s.lastSuccessAt)}` : 'never pinged';
  const reason = `${since}; expected ${missed === 1 ? `at ${iso(expected)}` : `${missed} runs since ${iso(expected)}`} (grace ${Math.round(heartbeat.graceMs / 1000)}s)`;
  return {
    status: 'late',
    dueAt: following === undefined ? undefined : following + heartbeat.graceMs,
    missedRuns: missed,
    reason,
    event: { key: `miss:${anchor}:${missed}`, ok: false, at: latest + heartbeat.graceMs, error: reason },
  };
}
