import { describe, expect, it } from 'vitest';
import { Scheduler, type ScheduledJob } from './scheduler';
import { firstDueAt, nextSlotAfter, phaseOf } from './slots';

type Deferred = { resolve(): void };

/** A scheduler whose executions finish only when the test says so, driven by a fake clock. */
function harness(jobs: ScheduledJob[], options: { concurrency?: number; lastStartedAt?: Map<string, number>; now?: number } = {}) {
  let now = options.now ?? 1_000_000;
  const starts: { key: string; at: number; plannedAt: number }[] = [];
  const pending = new Map<string, Deferred[]>();
  const scheduler = new Scheduler({
    jobs,
    concurrency: options.concurrency ?? 100,
    now: () => now,
    lastStartedAt: options.lastStartedAt,
    startupSpreadMs: 5_000,
    execute: (job, plannedAt) =>
      new Promise<void>((resolve) => {
        starts.push({ key: job.key, at: now, plannedAt });
        pending.set(job.key, [...(pending.get(job.key) ?? []), { resolve }]);
      }),
  });
  return {
    scheduler,
    starts,
    advance(ms: number, step = 100) {
      for (let t = 0; t < ms; t += step) {
        now += step;
        scheduler.tick(now);
      }
    },
    async finish(key: string) {
      pending.get(key)?.shift()?.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
    async finishAll() {
      for (const key of pending.keys()) while (pending.get(key)?.length) pending.get(key)?.shift()?.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
    get now() {
      return now;
    },
  };
}

describe('slots', () => {
  it('spreads 10,000 checks at 60 s evenly across the minute instead of at :00', () => {
    const perSecond = new Array(60).fill(0);
    for (let i = 0; i < 10_000; i++) perSecond[Math.floor(phaseOf(`check-${i}|production`, 60_000) / 1000)]++;
    expect(Math.min(...perSecond)).toBeGreaterThan(100);
    expect(Math.max(...perSecond)).toBeLessThan(240);
  });

  it('keeps a check on the same slot across restarts', () => {
    const phase = phaseOf('home|production', 60_000);
    const slot = nextSlotAfter(1_000_000, 60_000, phase);
    expect(slot % 60_000).toBe(phase % 60_000);
    expect(nextSlotAfter(slot, 60_000, phase)).toBe(slot + 60_000);
    expect(firstDueAt({ key: 'home|production', intervalMs: 60_000, now: slot - 10_000, lastStartedAt: slot - 60_000, startupSpreadMs: 5_000 })).toBe(slot);
  });

  it('runs a check whose slot passed while the monitor was down soon after start', () => {
    const due = firstDueAt({ key: 'k', intervalMs: 60_000, now: 10_000_000, lastStartedAt: 10_000_000 - 300_000, startupSpreadMs: 5_000 });
    expect(due).toBeGreaterThanOrEqual(10_000_000);
    expect(due).toBeLessThan(10_005_000);
  });
});

describe('Scheduler.tick', () => {
  it('runs each check once per interval, within its slot', async () => {
    const h = harness([{ key: 'a', intervalMs: 10_000 }, { key: 'b', intervalMs: 20_000 }]);
    for (let i = 0; i < 12; i++) {
      h.advance(5_000);
      await h.finishAll();
    }
    const a = h.starts.filter((s) => s.key === 'a');
    const b = h.starts.filter((s) => s.key === 'b');
    expect(a.length).toBeGreaterThanOrEqual(6);
    expect(a.length).toBeLessThanOrEqual(7);
    expect(b.length).toBeGreaterThanOrEqual(3);
    expect(b.length).toBeLessThanOrEqual(4);
    for (let i = 2; i < a.length; i++) expect(a[i]!.plannedAt - a[i - 1]!.plannedAt).toBe(10_000);
    for (const start of h.starts) expect(start.at - start.plannedAt).toBeLessThan(100);
  });

  it('never runs a check while its previous run is still going', async () => {
    const h = harness([{ key: 'slow', intervalMs: 10_000 }]);
    h.advance(35_000);
    expect(h.starts).toHaveLength(1);
    expect(h.scheduler.overlapsSkipped).toBeGreaterThanOrEqual(2);
    await h.finish('slow');
    h.advance(10_000);
    expect(h.starts).toHaveLength(2);
  });

  it('bounds concurrency and starts waiting checks as slots free, measuring their drift', async () => {
    const jobs = Array.from({ length: 10 }, (_, i) => ({ key: `c${i}`, intervalMs: 60_000 }));
    const h = harness(jobs, { concurrency: 3 });
    h.advance(6_000);
    expect(h.starts).toHaveLength(3);
    expect(h.scheduler.running).toBe(3);
    expect(h.scheduler.queueDepth(h.now)).toBeGreaterThan(0);
    await h.finish(h.starts[0]!.key);
    h.advance(100);
    expect(h.starts).toHaveLength(4);
    expect(h.scheduler.drift.max).toBeGreaterThan(0);
  });

  it('keeps scheduling others when one execution rejects', async () => {
    let now = 0;
    const ran: string[] = [];
    const errors: string[] = [];
    const scheduler = new Scheduler({
      jobs: [{ key: 'broken', intervalMs: 10_000 }, { key: 'fine', intervalMs: 10_000 }],
      concurrency: 10,
      now: () => now,
      startupSpreadMs: 1,
      execute: async (job) => {
        ran.push(job.key);
        if (job.key === 'broken') throw new Error('boom');
      },
      onError: (job, error) => errors.push(`${job.key}: ${(error as Error).message}`),
    });
    for (let i = 0; i < 30; i++) {
      now += 1_000;
      scheduler.tick(now);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(ran.filter((key) => key === 'fine').length).toBeGreaterThanOrEqual(3);
    expect(ran.filter((key) => key === 'broken').length).toBeGreaterThanOrEqual(3);
    expect(errors[0]).toBe('broken: boom');
  });

  it('resumes the regular slot after a restart instead of running everything at once', () => {
    const key = 'home|production';
    const phase = phaseOf(key, 60_000);
    const lastStart = nextSlotAfter(5_000_000, 60_000, phase);
    const h = harness([{ key, intervalMs: 60_000 }], { now: lastStart + 1_000, lastStartedAt: new Map([[key, lastStart]]) });
    h.advance(58_000);
    expect(h.starts).toHaveLength(0);
    h.advance(2_000);
    expect(h.starts).toHaveLength(1);
    expect(h.starts[0]!.plannedAt).toBe(lastStart + 60_000);
  });

  it('brings one job forward among thousands with runSoon and keeps the rest in slot order', () => {
    const jobs = Array.from({ length: 5_000 }, (_, index) => ({ key: `check-${index}`, intervalMs: 60_000 }));
    const h = harness(jobs, { concurrency: 10_000, lastStartedAt: new Map(jobs.map((job) => [job.key, 1_000_000])) });
    const target = 'check-4321';
    // Every job's next slot lies strictly after its last start (the harness's `now`), so `now` is before all of them.
    expect(h.scheduler.runSoon(target, 1_000_000)).toBe(true);
    expect(h.scheduler.nextDueAt()).toBe(1_000_000);
    // A later time than its slot does not push a job back.
    expect(h.scheduler.runSoon('check-7', 9_999_999)).toBe(false);
    h.scheduler.tick(1_000_000);
    expect(h.starts.map((start) => start.key)).toEqual([target]);
    h.advance(60_000);
    const keys = h.starts.map((start) => start.key);
    expect(new Set(keys).size).toBe(5_000);
    const planned = h.starts.slice(1).map((start) => start.plannedAt);
    expect(planned).toEqual([...planned].sort((a, b) => a - b));
  });
});
