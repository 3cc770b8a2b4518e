import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, unusedPort } from '../../../checks/test-servers';
import { DeliveryError, type AlertMessage, type ChannelContext } from '../../types';

/** Test fixtures for the channels: a local HTTP receiver, a realistic message, and the failure cases every HTTP channel must classify. */

export type RecordedRequest = { method: string; path: string; headers: IncomingHttpHeaders; raw: string; body: unknown };
/** `delayMs` holds the answer back, to test timeouts. */
export type ScriptedResponse = { status: number; body?: string | object; headers?: Record<string, string>; delayMs?: number };
export type Receiver = {
  url: string;
  requests: RecordedRequest[];
  /** Queues the answers to the next requests, in order; once used up, every request gets 200 `ok`. */
  reply(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body: parseJson(raw) });
      const { status, body = 'ok', headers, delayMs = 0 } = queue.shift() ?? { status: 200 };
      setTimeout(() => res.writeHead(status, headers).end(typeof body === 'string' ? body : JSON.stringify(body)), delayMs);
    });
  });
  const { port, close } = await listen(server);
  return { url: `http://127.0.0.1:${port}`, requests, reply: (...responses) => queue.push(...responses), close };
}

/** Starts a receiver for the enclosing `describe` block; call the returned function inside tests. */
export function useReceiver(): () => Receiver {
  let receiver: Receiver | undefined;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver?.close());
  return () => {
    if (!receiver) throw new Error('useReceiver() is only usable inside tests');
    return receiver;
  };
}

export function testContext(timeoutMs = 5_000): ChannelContext {
  return { signal: new AbortController().signal, timeoutMs };
}

const openedAt = Date.UTC(2025, 4, 12, 14, 2, 0);

type MessageOverrides = Omit<Partial<AlertMessage>, 'incident'> & { incident?: Partial<AlertMessage['incident']> };

/** An outage of two page types on production, twelve minutes in, with an error that must be escaped wherever HTML is involved. */
export function sampleMessage(overrides: MessageOverrides = {}): AlertMessage {
  const base: AlertMessage = {
    event: 'incident.opened',
    severity: 'critical',
    title: 'production is down: home page, product page',
    text: 'home page and product page fail on production (eu-west) since 14:01 UTC.\nLast error: HTTP 503 <title>Service Unavailable</title>',
    incident: {
      id: 'inc_01JV3K',
      status: 'open',
      deployment: 'production',
      openedAt,
      url: 'https://vigil.example.com/incidents/inc_01JV3K',
      runbookUrl: 'https://wiki.example.com/runbooks/storefront-down',
    },
    affected: [
      { checkId: 'home', pageType: 'home page', deployment: 'production', location: 'eu-west', since: openedAt - 60_000, lastError: 'HTTP 503 <title>Service Unavailable</title> & "retry"' },
      { checkId: 'product', pageType: 'product page', deployment: 'production', location: 'eu-west', since: openedAt - 30_000 },
    ],
    dedupKey: 'vigil:production:inc_01JV3K',
    at: openedAt + 12 * 60_000,
    site: 'Acme Shop',
  };
  return { ...base, ...overrides, incident: { ...base.incident, ...overrides.incident } };
}

/** The facts of `sampleMessage()` as every channel must show them, label and value. */
export const sampleFacts = [
  ['Deployment', 'production'],
  ['Page types', 'home page, product page'],
  ['Locations', 'eu-west'],
  ['Since', '2025-05-12 14:01 UTC (13 min ago)'],
  ['Status', 'Open'],
] as const;

/** Awaits a delivery that must fail and returns its error. */
export async function deliveryError(delivery: Promise<unknown>): Promise<DeliveryError> {
  const error = await delivery.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

/**
 * The failure classification every HTTP channel shares, run against `send`
 * pointed at a base URL. `secret` is a part of the config that must never
 * appear in an error message.
 */
export function itClassifiesHttpFailures(send: (baseUrl: string) => Promise<void>, secret: string): void {
  describe('failure classification', () => {
    const receiver = useReceiver();

    it('500 is retryable and quotes the body', async () => {
      receiver().reply({ status: 500, body: 'internal\nerror' });
      const error = await deliveryError(send(receiver().url));
      expect(error.options).toEqual({ permanent: false, status: 500 });
      expect(error.message).toMatch(/answered 500: internal error$/);
      expect(error.message).not.toContain(secret);
    });

    it.each([400, 401, 403, 404])('%i is permanent', async (status) => {
      receiver().reply({ status, body: { error: 'rejected' } });
      const error = await deliveryError(send(receiver().url));
      expect(error.options).toEqual({ permanent: true, status });
      expect(error.message).toContain(`answered ${status}`);
      expect(error.message).not.toContain(secret);
    });

    it('429 with Retry-After is retryable after that delay', async () => {
      receiver().reply({ status: 429, body: 'slow down', headers: { 'retry-after': '7' } });
      const error = await deliveryError(send(receiver().url));
      expect(error.options).toEqual({ permanent: false, status: 429, retryAfterMs: 7_000 });
    });

    it('connection refused is retryable', async () => {
      const error = await deliveryError(send(`http://127.0.0.1:${await unusedPort()}`));
      expect(error.permanent).toBe(false);
      expect(error.message).toMatch(/unreachable: .*ECONNREFUSED/);
      expect(error.message).not.toContain(secret);
    });
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
