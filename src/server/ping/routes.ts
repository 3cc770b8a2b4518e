import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import type { Heartbeat, Ping, PingKind } from '../../heartbeats/model';
import type { PingIngest } from '../../heartbeats/ingest';
import { TokenBuckets } from '../../heartbeats/rate-limit';

/** Bodies above this are cut and flagged: a ping carries a log tail, not a log. */
export const MAX_BODY_BYTES = 10 * 1024;
export const DEFAULT_PING_RATE = { perSecond: 10, burst: 20 };

const EMPTY = { 'content-length': '0' };

/**
 * The ping endpoints: `/ping/<id>[/start|/fail|/log|/<exit code>]` and the
 * same under `/ping/s/<slug>`, by GET, HEAD or POST. The hot path parses the
 * path by hand and never JSON: a ping is a few string compares and a queue
 * push, then the wait for its batch to commit.
 */
export function pingRoutes(ingest: PingIngest, options: { rate?: { perSecond: number; burst: number } } = {}): Hono {
  const app = new Hono();
  const buckets = new TokenBuckets(options.rate ?? DEFAULT_PING_RATE);
  const handler = async (c: Context): Promise<Response> => {
    const parts = c.req.path.split('/').filter(Boolean).slice(1);
    const bySlug = parts[0] === 's';
    const key = bySlug ? parts[1] : parts[0];
    const action = bySlug ? parts[2] : parts[1];
    const heartbeat: Heartbeat | undefined = key === undefined ? undefined : bySlug ? ingest.bySlug.get(key) : ingest.byId.get(key);
    const kind = parseAction(action);
    if (!heartbeat || !kind || parts.length > (bySlug ? 3 : 2)) return c.body(null, 404, EMPTY);
    const now = ingest.now();
    if (!buckets.take(heartbeat.id, now)) return c.body(null, 429, { ...EMPTY, 'retry-after': '1' });
    const { body, truncated } = c.req.method === 'POST' ? await readCapped(c.req.raw) : { body: undefined, truncated: false };
    const url = c.req.url;
    const ridAt = url.indexOf('rid=');
    const ping: Ping = {
      heartbeatId: heartbeat.id,
      at: now,
      kind: kind.kind,
      exitCode: kind.exitCode,
      runId: ridAt >= 0 ? (c.req.query('rid') || undefined)?.slice(0, 64) : undefined,
      body,
      truncated,
      sourceIp: (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress,
      userAgent: c.req.header('user-agent')?.slice(0, 200),
      method: c.req.method,
    };
    try {
      await ingest.add(ping);
    } catch {
      // Not stored, so not acknowledged: the client's retry will bring it again.
      return c.body(null, 503, { ...EMPTY, 'retry-after': '1' });
    }
    // HEAD gets the headers alone: node-server refuses a body on a HEAD response.
    if (c.req.method === 'HEAD') return c.body(null, 200, EMPTY);
    return c.text(truncated ? 'OK (body truncated)' : 'OK');
  };
  app.on(['GET', 'HEAD', 'POST'], '/ping/*', handler);
  return app;
}

function parseAction(action: string | undefined): { kind: PingKind; exitCode?: number } | undefined {
  if (action === undefined) return { kind: 'success' };
  if (action === 'start' || action === 'fail' || action === 'log') return { kind: action };
  if (/^\d{1,3}$/.test(action) && Number(action) <= 255) return { kind: 'exit', exitCode: Number(action) };
  return undefined;
}

/** Reads at most the cap and stops there: a 1 GB body costs 10 KB of memory, not 1 GB. */
async function readCapped(request: Request): Promise<{ body?: string; truncated: boolean }> {
  if (!request.body) return { truncated: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      truncated = true;
      await reader.cancel();
      break;
    }
  }
  if (size === 0) return { truncated };
  const bytes = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES);
  // A multi-byte character cut at the cap decodes as U+FFFD, which is fine for a log tail.
  return { body: bytes.toString('utf8'), truncated };
}
