import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Observation, Phases } from '../../domain/check-result';
import { stored, summarizeFailures } from '../assertions';
import { startDeadline, type Deadline } from '../deadline';
import { describeNetworkError, errorCode } from '../network-error';
import type { CheckRunner, RunContext } from '../types';
import { sendRequest, type RequestClock } from './agent';
import { evaluateHttpAssertions, needsBodyText } from './assertions';
import type { HttpSpec } from './definition';
import { extractFromResponse, extractionsNeedBody } from '../extract/from-response';

/** Bodies are read up to this size; a storefront page is far below it, a runaway download is not. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
const keptHeaders = ['content-type', 'server', 'cache-control', 'age', 'x-cache', 'cf-cache-status', 'location'];
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Safe to send twice, so a request that met a keep-alive socket the server had just closed is retried once. */
const retryableMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

type Plan = { url: URL; method: Dispatcher.HttpMethod; headers: Record<string, string>; body?: string };
type Body = { bytes: number; text?: string; truncated: boolean };

export const runner: CheckRunner<HttpSpec> = { run };

async function run(spec: HttpSpec, ctx: RunContext): Promise<Observation> {
  const startedAt = performance.now();
  const deadline = startDeadline(ctx);
  const phases: Omit<Phases, 'total'> = {};
  let plan: Plan | undefined;
  let clock: RequestClock | undefined;
  let redirects = 0;
  try {
    plan = firstPlan(spec, ctx.deployment.baseUrl);
    for (;;) {
      const sent = await send(plan, spec.insecure, deadline, (c) => (clock = c));
      const { statusCode: status, headers } = sent.response;
      const location = spec.followRedirects && redirectStatuses.has(status) ? firstValue(headers.location) : undefined;
      const body = await readBody(sent.response.body, location === undefined && needsBodyText(spec.assertions) || extractionsNeedBody(spec.extract));
      addPhases(phases, sent.clock, performance.now());
      if (location !== undefined) {
        const next = new URL(location, plan.url);
        if (redirects >= spec.maxRedirects) throw new CheckFailure(`too many redirects (more than ${spec.maxRedirects}), next was ${next.href}`);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new CheckFailure(`redirect to unsupported URL ${next.href}`);
        plan = redirected(plan, status, next);
        redirects += 1;
        continue;
      }
      const elapsedMs = performance.now() - startedAt;
      const results = evaluateHttpAssertions(spec.assertions, { status, headers, bytes: body.bytes, text: body.text, elapsedMs });
      const error = summarizeFailures(results);
      return {
        ok: error === undefined,
        durationMs: round(elapsedMs),
        phases: finish(phases, elapsedMs),
        ...(error === undefined ? {} : { error }),
        assertions: results.map(stored),
        details: {
          status,
          url: plan.url.href,
          redirects,
          bytes: body.bytes,
          ...(body.truncated ? { truncated: true } : {}),
          headers: pickHeaders(headers),
          ...(spec.extract ? { extracted: extractFromResponse(spec.extract, { text: body.text, headers }) } : {}),
        },
      };
    }
  } catch (error) {
    const elapsedMs = performance.now() - startedAt;
    return {
      ok: false,
      durationMs: round(elapsedMs),
      phases: finish(phases, elapsedMs),
      error: describeFailure(error, deadline, clock, plan),
      assertions: [],
      details: { ...(plan ? { url: plan.url.href } : {}), redirects },
    };
  } finally {
    deadline.dispose();
  }
}

/** A reason the run fails that is already worded for people. */
class CheckFailure extends Error {}

async function send(plan: Plan, insecure: boolean, deadline: Deadline, track: (clock: RequestClock) => void) {
  for (let attempt = 0; ; attempt++) {
    const clock: RequestClock = { startedAt: performance.now() };
    track(clock);
    try {
      const response = await sendRequest(
        {
          origin: plan.url.origin,
          path: plan.url.pathname + plan.url.search,
          method: plan.method,
          headers: plan.headers,
          body: plan.body,
          signal: deadline.signal,
          // Our deadline words the timeout; undici's own timers are only a backstop.
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        insecure,
        clock,
      );
      clock.headersAt = performance.now();
      return { response, clock };
    } catch (error) {
      const staleSocket =
        attempt === 0 &&
        clock.sentAt !== undefined &&
        clock.connection === undefined &&
        retryableMethods.has(plan.method) &&
        deadline.reason() === undefined &&
        ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(errorCode(error) ?? '');
      if (!staleSocket) throw error;
    }
  }
}

async function readBody(body: Dispatcher.ResponseData['body'], keepText: boolean): Promise<Body> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (bytes + chunk.length > MAX_BODY_BYTES) {
      if (keepText) chunks.push(chunk.subarray(0, MAX_BODY_BYTES - bytes));
      // Leaving the loop destroys the stream, and with it the connection: nothing else will read the rest.
      return { bytes: MAX_BODY_BYTES, truncated: true, ...(keepText ? { text: Buffer.concat(chunks).toString('utf8') } : {}) };
    }
    bytes += chunk.length;
    if (keepText) chunks.push(chunk);
  }
  return { bytes, truncated: false, ...(keepText ? { text: Buffer.concat(chunks).toString('utf8') } : {}) };
}

function firstPlan(spec: HttpSpec, baseUrl: string): Plan {
  const headers: Record<string, string> = { ...spec.headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent')) headers['user-agent'] = 'vigil-monitor';
  return { url: spec.url ? new URL(spec.url) : joinPath(baseUrl, spec.path ?? '/'), method: spec.method, headers, body: spec.body };
}

/** Keeps a base URL's own path prefix: `https://example.com/shop` + `/cart` is `/shop/cart`. */
function joinPath(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl);
  return new URL(base.pathname.replace(/\/+$/, '') + path, base.origin);
}

/** What a browser does: 303 (and 301/302 after a POST) turn into a GET without body; credentials stay on their origin. */
function redirected(plan: Plan, status: number, next: URL): Plan {
  const becomesGet = (status === 303 && plan.method !== 'HEAD') || ((status === 301 || status === 302) && plan.method === 'POST');
  const crossOrigin = next.origin !== plan.url.origin;
  const dropped = new Set([...(becomesGet ? ['content-type', 'content-length'] : []), ...(crossOrigin ? ['authorization', 'cookie'] : [])]);
  const headers = Object.fromEntries(Object.entries(plan.headers).filter(([name]) => !dropped.has(name.toLowerCase())));
  return becomesGet ? { url: next, method: 'GET', headers } : { ...plan, url: next, headers };
}

function describeFailure(error: unknown, deadline: Deadline, clock: RequestClock | undefined, plan: Plan | undefined): string {
  if (error instanceof CheckFailure) return error.message;
  const stopped = deadline.reason();
  if (stopped !== undefined) return `${stopped} (${stage(clock, plan)})`;
  if (!plan) return `invalid URL: ${describeNetworkError(error)}`;
  return describeNetworkError(error);
}

function stage(clock: RequestClock | undefined, plan: Plan | undefined): string {
  if (!clock || clock.sentAt === undefined) return plan ? `connecting to ${plan.url.host}` : 'starting';
  if (clock.headersAt === undefined) return 'waiting for first byte';
  return 'reading the body';
}

/** Redirect hops add up: a page that costs three round trips should show it. */
function addPhases(phases: Omit<Phases, 'total'>, clock: RequestClock, endedAt: number): void {
  const add = (key: keyof Omit<Phases, 'total'>, value: number | undefined) => {
    if (value !== undefined) phases[key] = (phases[key] ?? 0) + value;
  };
  add('dns', clock.connection?.dns);
  add('connect', clock.connection?.connect);
  add('tls', clock.connection?.tls);
  if (clock.sentAt !== undefined && clock.headersAt !== undefined) add('firstByte', clock.headersAt - clock.sentAt);
  if (clock.headersAt !== undefined) add('download', endedAt - clock.headersAt);
}

function finish(phases: Omit<Phases, 'total'>, totalMs: number): Phases {
  const rounded = Object.fromEntries(Object.entries(phases).map(([key, value]) => [key, round(value)]));
  return { ...rounded, total: round(totalMs) };
}

function pickHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = firstValue(headers[name]);
    if (value !== undefined) picked[name] = value.length > 200 ? value.slice(0, 200) : value;
  }
  return picked;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
