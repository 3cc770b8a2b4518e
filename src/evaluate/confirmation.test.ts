import { describe, expect, it } from 'vitest';
import { defaultPolicy, nextHealth, type ConfirmationPolicy, type TargetHealth, type Transition } from './confirmation';

const INTERVAL = 60_000;

/**
 * Simulates a check on its schedule, with the fast re-checks the state
 * machine asks for, against a target whose health is a function of time.
 * Returns every transition.
 */
function simulate(options: {
  failsAt: (t: number, runIndex: number) => boolean;
  durationMs?: number;
  policy?: ConfirmationPolicy;
  start?: TargetHealth;
  locations?: string[];
  locationFails?: (location: string, t: number) => boolean;
}) {
  const policy = options.policy ?? defaultPolicy;
  const locations = options.locations ?? ['local'];
  let health = options.start;
  const transitions: Transition[] = [];
  let t = 0;
  let run = 0;
  while (t < (options.durationMs ?? 30 * 60_000)) {
    for (const location of locations) {
      const failed = options.locationFails ? options.locationFails(location, t) : options.failsAt(t, run);
      const next = nextHealth(health, { ok: !failed, durationMs: 100, location, startedAt: t, error: failed ? 'status 503' : undefined }, policy, { now: t, intervalMs: INTERVAL });
      health = next.health;
      if (next.transition) transitions.push(next.transition);
      run++;
    }
    t = health!.recheckAt ?? t + INTERVAL;
  }
  return { transitions, health: health! };
}

describe('confirmation under the default policy', () => {
  it('never confirms down when 1 run in 10 fails (flapping), over 10,000 runs', () => {
    const { transitions } = simulate({ failsAt: (_t, i) => i % 10 === 9, durationMs: 10_000 * INTERVAL });
    expect(transitions.map((x) => x.to)).toEqual(['up']);
  });

  it('never confirms down when every other run fails, because each re-check passes', () => {
    const { transitions } = simulate({ failsAt: (_t, i) => i % 2 === 1, durationMs: 1_000 * INTERVAL });
    expect(transitions.filter((x) => x.to === 'down')).toHaveLength(0);
  });

  it.each([0, 10_000, 30_000, 59_000])('always confirms a 2-minute outage starting %i ms into an interval, within 90 s', (offset) => {
    const outageStart = 10 * INTERVAL + offset;
    const { transitions } = simulate({ failsAt: (t) => t >= outageStart && t < outageStart + 120_000 });
    const down = transitions.find((x) => x.to === 'down');
    expect(down).toBeDefined();
    expect(down!.at - outageStart).toBeLessThan(90_000);
    expect(down!.firstFailureAt).toBeGreaterThanOrEqual(outageStart);
    const recovered = transitions.find((x) => x.from === 'down' && x.to === 'up');
    expect(recovered!.at).toBeGreaterThanOrEqual(outageStart + 120_000);
  });

  it('re-checks fast after a failure and after the first pass of a recovery', () => {
    const failed = nextHealth(undefined, { ok: true, durationMs: 1, location: 'l', startedAt: 0 }, defaultPolicy, { now: 0, intervalMs: INTERVAL });
    const once = nextHealth(failed.health, { ok: false, durationMs: 1, location: 'l', startedAt: 60_000 }, defaultPolicy, { now: 60_000, intervalMs: INTERVAL });
    expect(once.health.recheckAt).toBe(70_000);
    expect(once.transition).toBeUndefined();
  });

  it('does not page again while down, and confirms recovery only after 2 passes', () => {
    const down = simulate({ failsAt: () => true, durationMs: 5 * INTERVAL });
    expect(down.transitions.map((x) => x.to)).toEqual(['down']);
    const onePass = nextHealth(down.health, { ok: true, durationMs: 1, location: 'local', startedAt: 1e6 }, defaultPolicy, { now: 1e6, intervalMs: INTERVAL });
    expect(onePass.transition).toBeUndefined();
    expect(onePass.health.state).toBe('down');
    const twoPasses = nextHealth(onePass.health, { ok: true, durationMs: 1, location: 'local', startedAt: 1e6 + 10_000 }, defaultPolicy, { now: 1e6 + 10_000, intervalMs: INTERVAL });
    expect(twoPasses.transition).toMatchObject({ from: 'down', to: 'up' });
  });
});

describe('other policies', () => {
  it('X failures in a window of Y runs confirms heavy flapping that never fails 3 in a row', () => {
    const policy: ConfirmationPolicy = { ...defaultPolicy, recheck: { count: 0, intervalMs: 10_000 }, window: { failures: 4, runs: 8 } };
    const { transitions } = simulate({ failsAt: (_t, i) => i > 5 && i % 2 === 0, policy, durationMs: 30 * INTERVAL });
    expect(transitions.map((x) => x.to)).toContain('down');
    expect(transitions.find((x) => x.to === 'down')!.reason).toBe('4 of the last 8 runs failed');
  });

  it('with a quorum of 2, one failing location of two does not confirm down; both do', () => {
    const policy: ConfirmationPolicy = { ...defaultPolicy, quorum: 2 };
    const oneLocation = simulate({ locations: ['eu', 'us'], locationFails: (l, t) => l === 'eu' && t > 5 * INTERVAL, policy, failsAt: () => false });
    expect(oneLocation.transitions.filter((x) => x.to === 'down')).toHaveLength(0);
    const both = simulate({ locations: ['eu', 'us'], locationFails: (_l, t) => t > 5 * INTERVAL, policy, failsAt: () => false });
    expect(both.transitions.filter((x) => x.to === 'down')).toHaveLength(1);
  });

  it('marks a passing but slow target degraded after 3 slow runs, and up again when fast', () => {
    const policy: ConfirmationPolicy = { ...defaultPolicy, degradedAboveMs: 1_000 };
    let health: TargetHealth | undefined;
    const states: string[] = [];
    for (const [i, duration] of [200, 1500, 1500, 1500, 1500, 200, 200, 200].entries()) {
      const next = nextHealth(health, { ok: true, durationMs: duration, location: 'l', startedAt: i * INTERVAL }, policy, { now: i * INTERVAL, intervalMs: INTERVAL });
      health = next.health;
      if (next.transition) states.push(next.transition.to);
    }
    expect(states).toEqual(['up', 'degraded', 'up']);
  });
});

describe('restart in the middle of confirmation', () => {
  it('continues from the stored health: the count survives and the outage is confirmed once', () => {
    const policy = defaultPolicy;
    let health = nextHealth(undefined, { ok: true, durationMs: 1, location: 'l', startedAt: 0 }, policy, { now: 0, intervalMs: INTERVAL }).health;
    health = nextHealth(health, { ok: false, durationMs: 1, location: 'l', startedAt: 60_000 }, policy, { now: 60_000, intervalMs: INTERVAL }).health;
    health = nextHealth(health, { ok: false, durationMs: 1, location: 'l', startedAt: 70_000 }, policy, { now: 70_000, intervalMs: INTERVAL }).health;
    // The process restarts: health goes through the store as JSON.
    const restored = JSON.parse(JSON.stringify(health)) as TargetHealth;
    const third = nextHealth(restored, { ok: false, durationMs: 1, location: 'l', startedAt: 95_000 }, policy, { now: 95_000, intervalMs: INTERVAL });
    expect(third.transition).toMatchObject({ from: 'up', to: 'down', firstFailureAt: 60_000 });
    const fourth = nextHealth(third.health, { ok: false, durationMs: 1, location: 'l', startedAt: 155_000 }, policy, { now: 155_000, intervalMs: INTERVAL });
    expect(fourth.transition).toBeUndefined();
  });
});
