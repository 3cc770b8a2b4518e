import { isFailure, isFinish, type HeartbeatState, type Ping } from './model';

/** Open runs kept per heartbeat: overlapping runs are few; a job that starts and never finishes must not grow the row forever. */
const OPEN_RUNS_KEPT = 20;

export const newState = (heartbeatId: string, now: number): HeartbeatState => ({ heartbeatId, watchedSince: now, openRuns: {}, pings: 0 });

/**
 * A heartbeat's state after one more ping. Pure. A finish pairs with the
 * start of the same run id (so overlapping runs each get their duration);
 * without a run id it pairs with the start that had none.
 */
export function applyPing(state: HeartbeatState, ping: Ping): HeartbeatState {
  const next: HeartbeatState = { ...state, lastPingAt: ping.at, pings: state.pings + 1 };
  const runKey = ping.runId ?? '';
  if (ping.kind === 'start') {
    const runs = Object.entries({ ...state.openRuns, [runKey]: ping.at }).sort((a, b) => a[1] - b[1]);
    next.openRuns = Object.fromEntries(runs.slice(-OPEN_RUNS_KEPT));
    return next;
  }
  if (!isFinish(ping)) return next;
  const startedAt = state.openRuns[runKey];
  if (startedAt !== undefined) {
    const { [runKey]: _finished, ...open } = state.openRuns;
    next.openRuns = open;
  }
  next.lastDurationMs = startedAt === undefined ? undefined : ping.at - startedAt;
  if (isFailure(ping)) {
    next.lastFailureAt = ping.at;
    next.lastFailureReason = ping.kind === 'fail' ? 'the job reported a failure' : `the job exited with code ${ping.exitCode}`;
    const tail = ping.body?.trim().split('\n').at(-1);
    if (tail) next.lastFailureReason += `: ${tail.slice(0, 200)}`;
  } else {
    next.lastSuccessAt = ping.at;
  }
  return next;
}
