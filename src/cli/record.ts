import { request } from 'undici';
import type { CheckResult } from '../domain/check-result';

/** A recording that did not happen, in words for a CI log. */
export class RecordError extends Error {}

/** `http://vigil:8787` (or the endpoint itself) → `http://vigil:8787/api/v1/results`. */
export function resultsEndpoint(vigilUrl: string): string {
  let url: URL;
  try {
    url = new URL(vigilUrl);
  } catch {
    throw new RecordError(`--record: expected the URL of a running Vigil such as http://vigil.internal:8787, got "${vigilUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RecordError(`--record: expected an http(s) URL, got "${vigilUrl}"`);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/api/v1/results') ? path : `${path}/api/v1/results`;
  return url.href;
}

/**
 * Sends the results of a `vigil test` run to a running Vigil, which stores them
 * like its own scheduled runs. Throws RecordError when the Vigil cannot be
 * reached or refuses them.
 */
export async function recordResults(vigilUrl: string, results: CheckResult[], options: { token?: string; timeoutMs?: number } = {}): Promise<{ endpoint: string; stored: number }> {
  const endpoint = resultsEndpoint(vigilUrl);
  const timeout = options.timeoutMs ?? 15_000;
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: JSON.stringify({ results }),
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new RecordError(`could not reach Vigil at ${endpoint}: ${code ? `${code} ` : ''}${(error as Error).message}`);
  }
  const text = await response.body.text();
  let body: { stored?: number; error?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // an HTML error page from a proxy: the status says enough
  }
  if (response.statusCode === 401 || response.statusCode === 403) {
    throw new RecordError(
      `Vigil at ${endpoint} refused the token (${response.statusCode}${body.error ? `: ${body.error}` : ''}); pass --token or set VIGIL_TOKEN to a token with write scope`,
    );
  }
  if (response.statusCode >= 300 || typeof body.stored !== 'number') {
    throw new RecordError(`Vigil at ${endpoint} rejected the results (${response.statusCode}): ${body.error ?? (text.slice(0, 200) || 'no body')}`);
  }
  return { endpoint, stored: body.stored };
}
