/**
 * The confirmation state machine: turns single runs into confirmed states
 * without crying wolf. Pure: results and `now` in, a new health and at most
 * one transition out. Stored after every batch, so a restart in the middle of
 * confirming neither forgets nor repeats anything.
 */

export type HealthState = 'unknown' | 'up' | 'degraded' | 'down' | 'maintenance';

export type ConfirmationPolicy = {
  /** Consecutive failed runs (the scheduled one and its re-checks) that confirm `down`. */
  failuresToConfirm: number;
  /** Also confirm when this many of the last `runs` runs failed (catches heavy flapping). Off when undefined. */
  window?: { failures: number; runs: number };
  /** Fast re-checks after a surprising result, before waiting a whole interval. */
  recheck: { count: number; intervalMs: number };
  /** Consecutive passing runs that confirm recovery. */
  passesToRecover: number;
  /** Locations that must see the failure when several run the check. */
  quorum: number;
  /** A passing run slower than this counts as slow; `failuresToConfirm` slow runs in a row make `degraded`. */
  degradedAboveMs?: number;
};

export const defaultPolicy: ConfirmationPolicy = {
  failuresToConfirm: 3,
  recheck: { count: 2, intervalMs: 10_000 },
  passesToRecover: 2,
  quorum: 1,
};

export type TargetHealth = {
  state: HealthState;
  /** When the current state was confirmed. */
  since: number;
  consecutiveFailures: number;
  consecutivePasses: number;
  consecutiveSlow: number;
  /** The last runs, newest last, as '1' (pass) and '0' (fail): compact to store. */
  recent: string;
  /** Start of the current failing streak: the first failed run, for time-to-detect. */
  firstFailureAt?: number;
  lastError?: string;
  lastResultAt?: number;
  /** The latest outcome per location, for the quorum. */
  locations: Record<string, { ok: boolean; at: number }>;
  /** When a fast re-check is due, if one is. */
  recheckAt?: number;
};

export type RunOutcome = { ok: boolean; durationMs: number; error?: string; location: string; startedAt: number };

export type Transition = {
  from: HealthState;
  to: HealthState;
  at: number;
  /** For `down`: when the first failed run of the streak started. */
  firstFailureAt?: number;
  reason: string;
};

export function initialHealth(now: number): TargetHealth {
  return { state: 'unknown', since: now, consecutiveFailures: 0, consecutivePasses: 0, consecutiveSlow: 0, recent: '', locations: {} };
}

const RECENT_KEPT = 20;

export function nextHealth(
  previous: TargetHealth | undefined,
  run: RunOutcome,
  policy: ConfirmationPolicy,
  options: { now: number; intervalMs: number },
): { health: TargetHealth; transition?: Transition } {
  const prev = previous ?? initialHealth(options.now);
  const slow = run.ok && policy.degradedAboveMs !== undefined && run.durationMs > policy.degradedAboveMs;
  const health: TargetHealth = {
    ...prev,
    consecutiveFailures: run.ok ? 0 : prev.consecutiveFailures + 1,
    consecutivePasses: run.ok ? prev.consecutivePasses + 1 : 0,
    consecutiveSlow: slow ? prev.consecutiveSlow + 1 : 0,
    recent: (prev.recent + (run.ok ? '1' : '0')).slice(-RECENT_KEPT),
    firstFailureAt: run.ok ? undefined : (prev.firstFailureAt ?? run.startedAt),
    lastError: run.ok ? prev.lastError : run.error,
    lastResultAt: run.startedAt,
    locations: { ...prev.locations, [run.location]: { ok: run.ok, at: run.startedAt } },
    recheckAt: undefined,
  };
  const move = (to: HealthState, reason: string): { health: TargetHealth; transition: Transition } => {
    const transition: Transition = { from: prev.state, to, at: options.now, reason };
    if (to === 'down') transition.firstFailureAt = health.firstFailureAt;
    return { health: { ...health, state: to, since: options.now }, transition };
  };
  const recheckSoon = () => {
    health.recheckAt = options.now + policy.recheck.intervalMs;
    return { health };
  };

  if (prev.state === 'maintenance') return { health: { ...health, state: 'maintenance' } };

  if (!run.ok) {
    if (prev.state === 'down') return { health };
    if (failureConfirmed(health, policy, options)) return move('down', confirmReason(health, policy));
    // The streak is still short: look again soon rather than in a full interval.
    if (health.consecutiveFailures <= policy.recheck.count) return recheckSoon();
    return { health };
  }

  if (prev.state === 'down') {
    if (health.consecutivePasses >= policy.passesToRecover) return move(slow ? 'degraded' : 'up', `${health.consecutivePasses} passing runs in a row`);
    return recheckSoon();
  }
  if (prev.state === 'unknown') return move(slow ? 'degraded' : 'up', 'first result');
  if (prev.state === 'up' && health.consecutiveSlow >= policy.failuresToConfirm) {
    return move('degraded', `${health.consecutiveSlow} runs in a row slower than ${policy.degradedAboveMs} ms`);
  }
  if (prev.state === 'degraded' && !slow && health.consecutivePasses >= policy.passesToRecover) {
    const fastRuns = countTrailing(health.recent, '1');
    if (fastRuns >= policy.passesToRecover) return move('up', 'fast again');
  }
  return { health };
}

function failureConfirmed(health: TargetHealth, policy: ConfirmationPolicy, options: { intervalMs: number; now: number }): boolean {
  const byStreak = health.consecutiveFailures >= policy.failuresToConfirm;
  const lastRuns = policy.window ? health.recent.slice(-policy.window.runs) : '';
  const byWindow = policy.window !== undefined && [...lastRuns].filter((outcome) => outcome === '0').length >= policy.window.failures;
  if (!byStreak && !byWindow) return false;
  return failingLocations(health, options) >= Math.min(policy.quorum, Math.max(1, knownLocations(health, options)));
}

/** Locations whose latest result failed and is fresh (within two intervals): a silent location does not vote. */
function failingLocations(health: TargetHealth, options: { intervalMs: number; now: number }): number {
  return Object.values(health.locations).filter((l) => !l.ok && options.now - l.at <= 2 * options.intervalMs + 1_000).length;
}

function knownLocations(health: TargetHealth, options: { intervalMs: number; now: number }): number {
  return Object.values(health.locations).filter((l) => options.now - l.at <= 2 * options.intervalMs + 1_000).length;
}

function confirmReason(health: TargetHealth, policy: ConfirmationPolicy): string {
  if (health.consecutiveFailures >= policy.failuresToConfirm) return `${health.consecutiveFailures} failed runs in a row`;
  return `${policy.window?.failures} of the last ${policy.window?.runs} runs failed`;
}

function countTrailing(recent: string, outcome: string): number {
  let count = 0;
  for (let index = recent.length - 1; index >= 0 && recent[index] === outcome; index--) count++;
  return count;
}
