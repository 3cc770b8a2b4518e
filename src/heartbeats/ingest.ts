import type { Logger } from '../log/logger';
import type { Heartbeat, HeartbeatState, Ping } from './model';
import { applyPing, newState } from './state';
import type { HeartbeatStore } from './store-port';

type Waiting = { ping: Ping; done(error?: unknown): void };

/**
 * Takes pings and stores them in batches: pings arriving while a batch is
 * being written wait for it (one commit) and go together in the next
 * transaction. `add` resolves only once the ping's batch committed, so an
 * acknowledged ping is a stored ping. The ingester is the only writer of the
 * heartbeats' ping state, which it keeps in memory.
 */
export class PingIngest {
  private queue: Waiting[] = [];
  private states: Map<string, HeartbeatState> | undefined;
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  readonly byId = new Map<string, Heartbeat>();
  readonly bySlug = new Map<string, Heartbeat>();
  stored = 0;

  constructor(
    heartbeats: readonly Heartbeat[],
    private readonly store: HeartbeatStore,
    private readonly options: { log?: Logger; now?: () => number; collectMs?: number } = {},
  ) {
    for (const heartbeat of heartbeats) {
      this.byId.set(heartbeat.id, heartbeat);
      if (heartbeat.slug) this.bySlug.set(heartbeat.slug, heartbeat);
    }
  }

  now(): number {
    return (this.options.now ?? Date.now)();
  }

  add(ping: Ping): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ping, done: (error) => (error === undefined ? resolve() : reject(error instanceof Error ? error : new Error(String(error)))) });
      this.kick();
    });
  }

  /**
   * Starts a flush after the pings already read from the sockets are queued.
   * A write in progress makes the next batch wait for it: that wait (one
   * commit, well under 50 ms) is what groups pings into one transaction.
   * `collectMs` waits longer on purpose (fewer, larger commits); measured no
   * faster here (bench/pings `--collect-ms`), so it is off by default.
   */
  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const flushNow = () => {
      this.scheduled = false;
      this.flush().catch((error: unknown) => this.options.log?.error({ err: error }, 'ping flush failed'));
    };
    const collectMs = this.options.collectMs ?? 0;
    if (collectMs > 0) setTimeout(flushNow, collectMs);
    else setImmediate(flushNow);
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.write(batch).finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      this.states ??= new Map((await this.store.heartbeatStates()).map((state) => [state.heartbeatId, state]));
      const changed = new Map<string, HeartbeatState>();
      for (const { ping } of batch) {
        const state = applyPing(changed.get(ping.heartbeatId) ?? this.states.get(ping.heartbeatId) ?? newState(ping.heartbeatId, ping.at), ping);
        changed.set(ping.heartbeatId, state);
      }
      await this.store.writePings(batch.map((w) => w.ping), [...changed.values()]);
      // Only after the commit: a failed write must not leave memory ahead of the database.
      for (const [id, state] of changed) this.states.set(id, state);
      this.stored += batch.length;
      for (const waiting of batch) waiting.done();
    } catch (error) {
      this.options.log?.error({ err: error, pings: batch.length }, 'could not store pings');
      for (const waiting of batch) waiting.done(error);
    }
  }

  async close(): Promise<void> {
    await this.flush();
  }
}
