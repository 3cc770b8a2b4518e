/**
 * Counts failed logins per key (a user name, a client address) in a sliding
 * window. Memory is bounded: at most `maxKeys` keys are tracked, the ones
 * idle longest dropped first, so a flood of made-up names cannot grow it.
 * In-process: one Vigil server is one limiter (enough for a single instance).
 */
export type LimiterRule = { failures: number; windowMs: number };

export class LoginLimiter {
  /** key → failure times, oldest first; Map order = least recently failed first. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly rule: LimiterRule,
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const times = this.recent(key, now);
    if (times.length < this.rule.failures) return 0;
    return times[times.length - this.rule.failures]! + this.rule.windowMs - now;
  }

  fail(key: string, now: number): void {
    const times = this.recent(key, now);
    times.push(now);
    // Only the last `failures` times matter for the decision.
    if (times.length > this.rule.failures) times.splice(0, times.length - this.rule.failures);
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  /** Forgets the key's failures, e.g. after a successful login. */
  reset(key: string): void {
    this.failures.delete(key);
  }

  get size(): number {
    return this.failures.size;
  }

  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const fresh = times.filter((t) => t > now - this.rule.windowMs);
    if (fresh.length === 0) this.failures.delete(key);
    return fresh;
  }
}
