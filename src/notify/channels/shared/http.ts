import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';
import { describeNetworkError } from '../../../checks/network-error';
import { DeliveryError, type ChannelContext } from '../../types';
import { excerpt } from './text';

export type PostOptions = {
  /** Names the receiver in error messages, e.g. `Slack webhook`. Never the URL: for webhooks the URL is the secret. */
  service: string;
  ctx: ChannelContext;
  headers?: Record<string, string>;
  /** Blanked out of anything quoted back from the response. */
  secrets?: readonly string[];
  /** For services that put the back-off in the body rather than a Retry-After header (Telegram). */
  retryAfterFromBody?: (body: string) => number | undefined;
};

/** The most of a response body read: enough for an error excerpt, and a misbehaving receiver cannot fill memory. */
const maxBodyBytes = 64 * 1024;

/** POSTs `body` as JSON; resolves with the response text on 2xx, throws a classified `DeliveryError` otherwise. */
export async function postJson(url: string, body: unknown, options: PostOptions): Promise<string> {
  const headers = { 'content-type': 'application/json; charset=utf-8', ...options.headers };
  return postRaw(url, JSON.stringify(body), { ...options, headers });
}

/** POSTs an already serialised body, for when the exact bytes matter (a signature over them). */
export async function postRaw(url: string, body: string, options: PostOptions): Promise<string> {
  const timeout = AbortSignal.timeout(options.ctx.timeoutMs);
  const signal = AbortSignal.any([options.ctx.signal, timeout]);
  let status: number;
  let headers: IncomingHttpHeaders;
  let text: string;
  try {
    const response = await request(url, {
      method: 'POST',
      body,
      headers: { 'user-agent': 'Vigil', ...options.headers },
      signal,
      headersTimeout: options.ctx.timeoutMs,
      bodyTimeout: options.ctx.timeoutMs,
    });
    status = response.statusCode;
    headers = response.headers;
    text = await readLimited(response.body);
  } catch (error) {
    throw networkFailure(error, options, timeout.aborted);
  }
  if (status >= 200 && status < 300) return text;
  throw httpFailure(status, headers, text, options);
}

/**
 * 408, 429 and 5xx may pass; any other status means the request itself is
 * wrong (bad URL, revoked token, rejected payload) and retrying only delays the
 * dead letter that tells a person to fix the channel.
 */
export function httpFailure(status: number, headers: IncomingHttpHeaders, body: string, options: Pick<PostOptions, 'service' | 'secrets' | 'retryAfterFromBody'>): DeliveryError {
  const permanent = !(status === 408 || status === 429 || status >= 500);
  const retryAfterMs = permanent ? undefined : (parseRetryAfter(headers['retry-after'], Date.now()) ?? options.retryAfterFromBody?.(body));
  const quoted = excerpt(body, options.secrets);
  const message = `${options.service} answered ${status}${quoted ? `: ${quoted}` : ''}`;
  return new DeliveryError(message, { permanent, status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

/** A network error, a timeout or a cancellation: nothing says the receiver refused, so always worth a retry. */
export function networkFailure(error: unknown, options: Pick<PostOptions, 'service' | 'ctx' | 'secrets'>, timedOut: boolean): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const what = options.ctx.signal.aborted
    ? 'cancelled'
    : timedOut
      ? `timed out after ${options.ctx.timeoutMs} ms`
      : `unreachable: ${excerpt(describeNetworkError(error), options.secrets, 300)}`;
  return new DeliveryError(`${options.service} ${what}`, { permanent: false });
}

/** `base` (a configured API URL, with or without a trailing slash) + `path`. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | string[] | undefined, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Reads at most 64 KB of an answer: a receiver's error page is for the log, not for memory. Shared with the remediation providers. */
export async function readLimited(body: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early destroys the stream, which releases the socket.
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= maxBodyBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8');
}
