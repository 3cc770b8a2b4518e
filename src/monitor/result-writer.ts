import type { CheckResult } from '../domain/check-result';
import type { ResultStore } from '../store/ports';
import type { Logger } from '../log/logger';
import { emptyWrites, mergeWrites, type AlertWrites } from '../notify/outbox';

/**
 * Collects results and writes them in batches: one SQLite transaction per
 * batch costs about what one row costs alone (DESIGN: ~1 µs a row batched).
 * A failed write keeps the batch and retries, so a locked or full disk
 * delays results rather than losing them (up to `maxPending`, then the
 * oldest are dropped and counted, because memory is finite).
 */
export class ResultWriter {
  private pending: CheckResult[] = [];
  private pendingAlerts: AlertWrites = emptyWrites();
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  written = 0;
  dropped = 0;
  failedWrites = 0;

  constructor(
    private readonly store: ResultStore,
    private readonly log: Logger,
    private readonly options: { batchSize?: number; flushEveryMs?: number; maxPending?: number; onWritten?(alerts: AlertWrites): void } = {},
  ) {}

  get pendingCount(): number {
    return this.pending.length;
  }

  add(result: CheckResult, alerts?: AlertWrites): void {
    this.pending.push(result);
    if (alerts) this.pendingAlerts = mergeWrites(this.pendingAlerts, alerts);
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
    const alerts = this.pendingAlerts;
    this.pending = [];
    this.pendingAlerts = emptyWrites();
    this.flushing = this.store
      .insertResults(batch, alerts)
      .then(() => {
        this.written += batch.length;
        this.options.onWritten?.(alerts);
      })
      .catch((error: unknown) => {
        this.failedWrites++;
        this.pending = batch.concat(this.pending);
        this.pendingAlerts = mergeWrites(alerts, this.pendingAlerts);
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
