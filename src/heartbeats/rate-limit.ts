/**
 * A token bucket per key: `perSecond` sustained, `burst` at once. Buckets
 * refill lazily on use, so an idle id costs nothing but its map entry (ids
 * are the configured heartbeats only: unknown ids are refused before this).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: { perSecond: number; burst: number }) {}

  take(key: string, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.limits.burst, at: now };
    bucket.tokens = Math.min(this.limits.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limits.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
