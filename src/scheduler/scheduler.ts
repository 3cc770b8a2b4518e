import { DueQueue } from './due-queue';
import { firstDueAt, nextSlotAfter, phaseOf } from './slots';
import { DriftStats } from './drift-stats';
import { WakeableSleep } from './wakeable-sleep';

export type ScheduledJob = { key: string; intervalMs: number };

export type SchedulerOptions<Job extends ScheduledJob> = {
  jobs: Job[];
  /** How many jobs may run at the same moment. */
  concurrency: number;
  /** Runs one job. Must not throw (a throw is logged through onError and the schedule goes on). */
  execute(job: Job, plannedAt: number): Promise<void>;
  now(): number;
  /** When each job last started (from the store), so a restart resumes the schedule. */
  lastStartedAt?: ReadonlyMap<string, number>;
  /** Jobs that never ran start within this window after start-up. Default 5 s. */
  startupSpreadMs?: number;
  onError?(job: Job, error: unknown): void;
};

type Entry<Job> = { job: Job; dueAt: number; phase: number; running: boolean };

/**
 * Starts each job at its slot, never more than `concurrency` at once and
 * never a job while its previous run is still going. `tick(now)` does one
 * step and is what tests drive with an injected clock; `run()` is the thin
 * real-time loop around it.
 */
export class Scheduler<Job extends ScheduledJob> {
  private readonly queue = new DueQueue<Entry<Job>>((entry) => entry.job.key);
  private readonly inFlight = new Set<Promise<void>>();
  private runningCount = 0;
  private stopped = false;
  private readonly napping = new WakeableSleep();
  readonly drift = new DriftStats();
  private readonly lastStarts = new Map<string, number>();
  overlapsSkipped = 0;
  started = 0;

  constructor(private readonly options: SchedulerOptions<Job>) {
    const now = options.now();
    for (const job of options.jobs) {
      const phase = phaseOf(job.key, job.intervalMs);
      const dueAt = firstDueAt({
        key: job.key,
        intervalMs: job.intervalMs,
        now,
        lastStartedAt: options.lastStartedAt?.get(job.key),
        startupSpreadMs: options.startupSpreadMs ?? 5_000,
      });
      this.queue.push({ job, dueAt, phase, running: false });
    }
  }

  get running(): number {
    return this.runningCount;
  }

  /** Jobs whose time has come but that wait for a free slot. */
  queueDepth(now: number): number {
    let depth = 0;
    // A scan, cheap enough for a metrics scrape every few seconds.
    for (const entry of this.queue.values()) if (entry.dueAt <= now && !entry.running) depth++;
    return depth;
  }

  /**
   * Brings a job forward to `at` (a fast re-check to confirm a failure or a
   * recovery). Its regular slots resume after that run.
   */
  runSoon(key: string, at: number): boolean {
    const entry = this.queue.get(key);
    if (!entry || entry.dueAt <= at) return false;
    this.queue.reschedule(key, at);
    this.napping.wake();
    return true;
  }

  /** Wakes the loop to look at the clock again (its clock may be a test's, moved by hand). */
  poke(): void {
    this.napping.wake();
  }

  /** When a job last started in this process, if it did: read by the stalled-scheduler watchdog. */
  lastStartOf(key: string): number | undefined {
    return this.lastStarts.get(key);
  }

  nextDueAt(): number | undefined {
    return this.queue.peek()?.dueAt;
  }

  /** Starts every job that is due at `now`, within the concurrency limit. Returns how many it started. */
  tick(now: number): number {
    let started = 0;
    for (let top = this.queue.peek(); top && top.dueAt <= now; top = this.queue.peek()) {
      if (top.running) {
        // The previous run still goes on: skip this slot rather than stack runs of the same check.
        this.queue.pop();
        this.overlapsSkipped++;
        top.dueAt = nextSlotAfter(now, top.job.intervalMs, top.phase);
        this.queue.push(top);
        continue;
      }
      if (this.runningCount >= this.options.concurrency) break;
      this.queue.pop();
      const plannedAt = top.dueAt;
      this.drift.record(now - plannedAt);
      // Slots missed while waiting are dropped, not caught up: a burst of stale runs helps nobody.
      top.dueAt = nextSlotAfter(Math.max(now, plannedAt), top.job.intervalMs, top.phase);
      this.queue.push(top);
      this.lastStarts.set(top.job.key, now);
      this.launch(top, plannedAt);
      started++;
    }
    this.started += started;
    return started;
  }

  private launch(entry: Entry<Job>, plannedAt: number): void {
    entry.running = true;
    this.runningCount++;
    const run = this.options
      .execute(entry.job, plannedAt)
      .catch((error: unknown) => this.options.onError?.(entry.job, error))
      .finally(() => {
        entry.running = false;
        this.runningCount--;
        this.inFlight.delete(run);
        this.napping.wake();
      });
    this.inFlight.add(run);
  }

  /** The real-time loop: tick, then sleep until the next job is due or a running one frees a slot. */
  async run(): Promise<void> {
    while (!this.stopped) {
      const now = this.options.now();
      this.tick(now);
      const next = this.nextDueAt();
      const waitMs = next === undefined ? 1_000 : Math.min(Math.max(next - this.options.now(), 0), 1_000);
      if (waitMs > 0 || this.runningCount >= this.options.concurrency) await this.sleep(Math.max(waitMs, 1));
    }
  }

  private sleep(ms: number): Promise<void> {
    return this.napping.sleep(ms);
  }

  /** Stops starting jobs and waits (up to `graceMs`) for running ones to finish. */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopped = true;
    this.napping.wake();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
  }
}
