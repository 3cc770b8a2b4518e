import type { ChannelSetting } from '../config/model';
import type { Logger } from '../log/logger';
import type { AlertStore, OutboxItem } from './outbox';
import { WakeableSleep } from '../scheduler/wakeable-sleep';
import { DeliveryError, type AlertMessage, type ChannelContext } from './types';

export type ChannelSender = (message: AlertMessage, channel: ChannelSetting, ctx: ChannelContext) => Promise<void>;

export type DeliveryPolicy = {
  /** First retry after about this long; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A notification still undelivered after this long goes to the dead letters. */
  giveUpAfterMs: number;
  timeoutMs: number;
  /** A channel failing this long raises its own warning. */
  warnAfterMs: number;
};

export const defaultDeliveryPolicy: DeliveryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 10 * 60_000,
  giveUpAfterMs: 24 * 3_600_000,
  timeoutMs: 15_000,
  warnAfterMs: 10 * 60_000,
};

export type ChannelStatus = { delivered: number; failed: number; consecutiveFailures: number; failingSince?: number; lastError?: string; warned: boolean };

/**
 * Delivers the outbox: claims due rows (a conditional update, so a second
 * dispatcher never takes the same row), sends each through its channel,
 * marks it delivered, or schedules a retry with exponential backoff and
 * jitter, or moves it to the dead letters when retrying cannot help.
 * A crash between sending and marking resends that one message on restart:
 * delivery is at least once; services that de-duplicate get a stable key.
 */
export class Dispatcher {
  readonly status = new Map<string, ChannelStatus>();
  private stopped = false;
  private readonly napping = new WakeableSleep();

  constructor(
    private readonly options: {
      store: AlertStore;
      channels: readonly ChannelSetting[];
      send: ChannelSender;
      log: Logger;
      now: () => number;
      policy?: Partial<DeliveryPolicy>;
      /** Random source for jitter; injectable so tests are deterministic. */
      random?: () => number;
    },
  ) {}

  private get policy(): DeliveryPolicy {
    return { ...defaultDeliveryPolicy, ...this.options.policy };
  }

  /** Delivers what is due now; returns how many it attempted. */
  async tick(now: number): Promise<number> {
    const items = await this.options.store.claimOutbox(now, this.policy.timeoutMs * 2, 20);
    await Promise.all(items.map((item) => this.deliver(item, now)));
    return items.length;
  }

  private async deliver(item: OutboxItem, now: number): Promise<void> {
    const { store, log } = this.options;
    const channel = this.options.channels.find((c) => c.name === item.channel);
    if (!channel) {
      await store.markFailed(item.id, `channel "${item.channel}" is no longer configured`, undefined);
      return;
    }
    const status = this.statusOf(channel.name);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${this.policy.timeoutMs}ms`)), this.policy.timeoutMs);
    try {
      await this.options.send(item.message, channel, { signal: controller.signal, timeoutMs: this.policy.timeoutMs });
      await store.markDelivered(item.id, this.options.now());
      if (item.incidentId !== undefined) await store.recordNotified(item.incidentId, channel.name, item.event, this.options.now());
      if (status.failingSince !== undefined) log.info({ channel: channel.name }, 'channel delivers again');
      Object.assign(status, { delivered: status.delivered + 1, consecutiveFailures: 0, failingSince: undefined, lastError: undefined, warned: false });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof DeliveryError && error.permanent;
      const tooOld = now - item.createdAt >= this.policy.giveUpAfterMs;
      const next = permanent || tooOld ? undefined : now + this.retryDelay(item.attempts, error instanceof DeliveryError ? error.options.retryAfterMs : undefined);
      await store.markFailed(item.id, reason, next);
      status.failed++;
      status.consecutiveFailures++;
      status.failingSince ??= now;
      status.lastError = reason;
      log.warn({ channel: channel.name, event: item.event, attempt: item.attempts, error: reason, retryAt: next && new Date(next).toISOString() }, next ? 'delivery failed; will retry' : 'delivery failed; moved to dead letters');
      if (!status.warned && now - status.failingSince >= this.policy.warnAfterMs) {
        status.warned = true;
        log.error({ channel: channel.name, failingForMin: Math.round((now - status.failingSince) / 60_000), error: reason }, 'CHANNEL FAILING: alerts to this channel are not getting through');
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so retries of many items spread out. */
  retryDelay(attempts: number, retryAfterMs?: number): number {
    const exponential = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    const jittered = exponential / 2 + (this.options.random ?? Math.random)() * (exponential / 2);
    return Math.max(jittered, retryAfterMs ?? 0);
  }

  private statusOf(name: string): ChannelStatus {
    let status = this.status.get(name);
    if (!status) this.status.set(name, (status = { delivered: 0, failed: 0, consecutiveFailures: 0, warned: false }));
    return status;
  }

  /** Nudges the loop: new outbox rows were just written. */
  poke(): void {
    this.napping.wake();
  }

  async run(onTick?: (now: number) => Promise<void>): Promise<void> {
    while (!this.stopped) {
      const now = this.options.now();
      let worked = 0;
      try {
        await onTick?.(now);
        worked = await this.tick(now);
      } catch (error) {
        this.options.log.error({ err: error }, 'outbox tick failed');
      }
      if (worked === 0 && !this.stopped) await this.napping.sleep(1_000);
    }
  }

  stop(): void {
    this.stopped = true;
    this.napping.wake();
  }
}
