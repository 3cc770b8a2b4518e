import type { CheckResult } from '../domain/check-result';
import type { ResultStore } from '../store/ports';
import type { Logger } from '../log/logger';

/**
 * Collects results and writes them in batches: one SQLite transaction per
 * batch costs about what one row costs alone (DESIGN: ~1 µs a row batched).
 * A failed write keeps the batch and retries, so a locked or full disk
 * delays results rather than losing them (up to `maxPending`, then the
 * oldest are dropped and counted, because memory is finite).
 */
export class ResultWriter {
  private pending: CheckResult[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  written = 0;
  dropped = 0;
  failedWrites = 0;

  constructor(
    private readonly store: ResultStore,
    private readonly log: Logger,
    private readonly options: { batchSize?: number; flushEveryMs?: number; maxPending?: number } = {},
  ) {}

  get pendingCount(): number {
    return this.pending.length;
  }

  add(result: CheckResult): void {
    this.pending.push(result);
    const max = this.options.maxPending ?? 200_000;
    if (this.pending.length > max) {
      this.dropped += this.pending.length - max;
      this.pending.splice(0, this.pending.length - max);
    }
    if (this.pending.length >= (this.options.batchSize ?? 500)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushEveryMs ?? 200);
  }

  /** Writes everything pending; concurrent calls share the same write. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing) return this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.store
      .insertResults(batch)
      .then(() => {
        this.written += batch.length;
      })
      .catch((error: unknown) => {
        this.failedWrites++;
        this.pending = batch.concat(this.pending);
        this.log.error({ err: error, results: batch.length }, 'could not store results; will retry');
        this.timer ??= setTimeout(() => void this.flush(), 1_000);
      })
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
    if (this.pending.length >= (this.options.batchSize ?? 500)) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.pending.length > 0) await this.flush();
    if (this.timer) clearTimeout(this.timer);
  }
}
