/** Keeps the most recent drifts (how late a job started versus its slot) for percentiles. */
export class DriftStats {
  private readonly samples: Float64Array;
  private count = 0;
  private next = 0;
  max = 0;

  constructor(capacity = 20_000) {
    this.samples = new Float64Array(capacity);
  }

  record(driftMs: number): void {
    this.samples[this.next] = driftMs;
    this.next = (this.next + 1) % this.samples.length;
    this.count = Math.min(this.count + 1, this.samples.length);
    if (driftMs > this.max) this.max = driftMs;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const sorted = this.samples.slice(0, this.count).sort();
    return sorted[Math.min(this.count - 1, Math.floor((p / 100) * this.count))]!;
  }

  get size(): number {
    return this.count;
  }
}
