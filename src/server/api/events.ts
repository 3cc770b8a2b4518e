import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ServerDeps } from '../app';
import { LiveEventHub } from '../live-events';
import { withParams } from './grid-params';

export const KEEP_ALIVE_MS = 15_000;

/**
 * GET /events: server-sent events from the live hub (`cell`, `incident`,
 * `heartbeat`, data as JSON), and a comment line every 15 s so proxies keep
 * the stream open. The subscription ends with the connection. Writes are
 * awaited: while a slow client's socket is full, its events coalesce in the
 * hub (one per subject) instead of piling up.
 */
export function eventsApi(deps: ServerDeps, options: { keepAliveMs?: number } = {}): Hono {
  const api = new Hono();
  const hub = deps.events ?? new LiveEventHub();
  const keepAliveMs = options.keepAliveMs ?? KEEP_ALIVE_MS;
  api.get(
    '/events',
    // No parameter check here: EventSource clients (and proxies) may add their own, such as a reconnect marker.
    withParams((c) => {
      return streamSSE(c, async (stream) => {
        const subscription = hub.subscribe();
        const stop = new AbortController();
        stream.onAbort(() => stop.abort());
        try {
          // Tells the client the stream is live (and flushes the headers through proxies).
          await stream.write(': connected\n\n');
          while (!stop.signal.aborted && !hub.isClosed) {
            const tick = new AbortController();
            const timer = setTimeout(() => tick.abort(), keepAliveMs);
            await subscription.wait(AbortSignal.any([stop.signal, tick.signal]));
            clearTimeout(timer);
            if (stop.signal.aborted || hub.isClosed) break;
            const events = subscription.drain();
            if (events.length === 0) {
              await stream.write(': keep-alive\n\n');
              continue;
            }
            for (const event of events) await stream.writeSSE({ event: event.type, data: JSON.stringify(event.data) });
          }
        } finally {
          subscription.close();
        }
      });
    }),
  );
  return api;
}
