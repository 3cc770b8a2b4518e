import { readLimited } from '../../notify/channels/shared/http';
import { request, type Dispatcher } from 'undici';
import { describeNetworkError } from '../../checks/network-error';
import { excerpt } from '../../notify/channels/shared/text';
import { ProviderError, type ProviderContext } from '../types';

/** HTTP calls shared by the hosting providers: a bounded body, errors that name the service and never the token. */


export type ApiCall = {
  /** Names the service in messages, e.g. `Netlify`. */
  service: string;
  method: Dispatcher.HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  ctx: ProviderContext;
  secrets?: readonly string[];
};

export type ApiAnswer = { status: number; text: string; json: unknown };

/** Sends the request; resolves on 2xx, throws a ProviderError quoting the answer otherwise. */
export async function callApi(call: ApiCall): Promise<ApiAnswer> {
  const timeout = AbortSignal.timeout(call.ctx.timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await request(call.url, {
      method: call.method,
      headers: { 'user-agent': 'Vigil', ...call.headers },
      body: call.body,
      signal: AbortSignal.any([call.ctx.signal, timeout]),
      headersTimeout: call.ctx.timeoutMs,
      bodyTimeout: call.ctx.timeoutMs,
    });
    status = response.statusCode;
    text = await readLimited(response.body);
  } catch (error) {
    const what = call.ctx.signal.aborted ? 'cancelled' : timeout.aborted ? `timed out after ${call.ctx.timeoutMs} ms` : `unreachable: ${excerpt(describeNetworkError(error), call.secrets, 300)}`;
    throw new ProviderError(`${call.service} ${what} (${call.method} ${pathOf(call.url)})`);
  }
  const json = parseJson(text);
  if (status >= 200 && status < 300) return { status, text, json };
  const quoted = excerpt(text, call.secrets);
  throw new ProviderError(`${call.service} answered ${status} to ${call.method} ${pathOf(call.url)}${quoted ? `: ${quoted}` : ''}`, { status, providerResponse: json ?? quoted });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** Path and query only: hosts of some endpoints carry secrets, paths of these APIs do not. */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname;
  } catch {
    return '(bad url)';
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
