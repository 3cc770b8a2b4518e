import type { CheckResult } from '../domain/check-result';
import type { ResultStore } from '../store/ports';
import type { Logger } from '../log/logger';
import { emptyWrites, mergeWrites, type AlertWrites } from '../notify/outbox';
import type { DisparityWrites } from '../store/kysely/disparities';

const hasWrites = (w: AlertWrites): boolean => w.health.length + w.incidents.length + w.timeline.length + w.outbox.length > 0;

/**
 * Collects results and writes them in batches: one SQLite transaction per
 * batch costs about what one row costs alone (DESIGN: ~1 µs a row batched).
 * A failed write keeps the batch and retries, so a locked or full disk
 * delays results rather than losing them (up to `maxPending`, then the
 * oldest are dropped and counted, because memory is finite).
 *
 * Every incident write the monitor derives from its in-memory pipeline comes
 * through here (check results, disparities, reminders), so batches commit in
 * the order the pipeline changed: an older copy of an incident can never be
 * written after a newer one (a direct write beside the writer could land
 * before a batch still pending or in flight, which would then undo it).
 */
export class ResultWriter {
  private pending: CheckResult[] = [];
  private pendingAlerts: AlertWrites = emptyWrites();
  private pendingDisparities: DisparityWrites = new Map();
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

  private get hasPending(): boolean {
    return this.pending.length > 0 || hasWrites(this.pendingAlerts) || this.pendingDisparities.size > 0;
  }

  /**
   * Alert writes that come without a result (reminders, disparities), and
   * checks' current disparities: they join the pending batch, after what is
   * already in it, and commit in its transaction.
   */
  addWrites(alerts: AlertWrites, disparities?: DisparityWrites): void {
    this.pendingAlerts = mergeWrites(this.pendingAlerts, alerts);
    if (disparities) this.pendingDisparities = new Map([...this.pendingDisparities, ...disparities]);
    this.timer ??= setTimeout(() => void this.flush(), this.options.flushEveryMs ?? 200);
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
    if (!this.hasPending) return;
    const batch = this.pending;
    const alerts = this.pendingAlerts;
    const disparities = this.pendingDisparities;
    this.pending = [];
    this.pendingAlerts = emptyWrites();
    this.pendingDisparities = new Map();
    this.flushing = this.store
      .insertResults(batch, alerts, disparities.size > 0 ? disparities : undefined)
      .then(
        () => {
          this.written += batch.length;
          // Stored is stored: a listener that throws must not put a committed batch back to be written twice.
          try {
            this.options.onWritten?.(alerts);
          } catch (error) {
            this.log.error({ err: error }, 'a listener failed after results were stored');
          }
        },
        (error: unknown) => {
          this.failedWrites++;
          this.pending = batch.concat(this.pending);
          this.pendingAlerts = mergeWrites(alerts, this.pendingAlerts);
          // Newer disparities of a check replace the failed batch's.
          this.pendingDisparities = new Map([...disparities, ...this.pendingDisparities]);
          this.log.error({ err: error, results: batch.length }, 'could not store results; will retry');
          this.timer ??= setTimeout(() => void this.flush(), 1_000);
        },
      )
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
    if (this.pending.length >= (this.options.batchSize ?? 500)) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.hasPending) await this.flush();
    if (this.timer) clearTimeout(this.timer);
  }
}
