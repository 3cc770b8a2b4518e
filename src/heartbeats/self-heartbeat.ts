import { request } from 'undici';
import type { Logger } from '../log/logger';

/**
 * Vigil's own outbound heartbeat: a GET to an outside dead man's switch
 * (another Vigil's ping URL, or any heartbeat service) every `everyMs`, so
 * Vigil being down is noticed by something that is not Vigil. A failure is
 * logged and the next period tries again; the receiving side alerts.
 */
export class SelfHeartbeat {
  private nextAt = 0;
  private sending: Promise<void> | undefined;
  sent = 0;
  failed = 0;

  constructor(
    private readonly target: { url: string; everyMs: number },
    private readonly log: Logger,
  ) {}

  /** Starts a ping when one is due; never waits for it, so a slow receiver cannot hold up the loop that calls this. */
  tick(now: number): boolean {
    if (now < this.nextAt || this.sending) return false;
    this.nextAt = now + this.target.everyMs;
    this.sending = this.send().finally(() => {
      this.sending = undefined;
    });
    return true;
  }

  private async send(): Promise<void> {
    try {
      const response = await request(this.target.url, { method: 'GET', headersTimeout: 10_000, bodyTimeout: 10_000, headers: { 'user-agent': 'vigil-self-heartbeat' } });
      await response.body.dump();
      if (response.statusCode >= 400) throw new Error(`status ${response.statusCode}`);
      this.sent++;
    } catch (error) {
      this.failed++;
      this.log.warn({ url: this.target.url.replace(/\/ping\/.*/, '/ping/…'), err: error }, 'outbound heartbeat failed');
    }
  }

  /** Waits for a ping in flight. */
  async stop(): Promise<void> {
    this.nextAt = Infinity;
    await this.sending;
  }
}
