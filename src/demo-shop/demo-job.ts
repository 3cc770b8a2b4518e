import { request } from 'undici';
import type { Logger } from '../log/logger';

/**
 * The demo's stand-in for a cron job (a catalog import) that reports to Vigil
 * by pinging its heartbeat every 20 s, so the heartbeats page shows a live one.
 * A failed ping is logged and retried on the next round, as a real job's curl would be.
 */
export function startDemoJob(pingUrl: string, log: Logger, everyMs = 20_000): { stop(): void } {
  const ping = () =>
    request(pingUrl, { method: 'POST', body: 'catalog import: 5000 products', headersTimeout: 5_000 })
      .then((response) => response.body.dump())
      .catch((error: unknown) => log.warn({ module: 'demo-job', err: error }, 'demo job could not ping its heartbeat'));
  void ping();
  const timer = setInterval(() => void ping(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
