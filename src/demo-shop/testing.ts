import { get } from 'node:http';
import { request } from 'undici';

export type TestResponse = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/** A small HTTP client for the shop's tests: undici, no redirects followed, body always read. */
export async function http(
  url: string,
  init: { method?: string; cookie?: string; json?: unknown; form?: Record<string, string>; timeoutMs?: number } = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = {};
  if (init.cookie) headers['cookie'] = init.cookie;
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const res = await request(url, {
    method: (init.method ?? 'GET') as 'GET',
    headers,
    body,
    headersTimeout: init.timeoutMs ?? 10_000,
    bodyTimeout: init.timeoutMs ?? 10_000,
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

export async function json<T = Record<string, unknown>>(url: string, init?: Parameters<typeof http>[1]): Promise<{ status: number; data: T; headers: TestResponse['headers'] }> {
  const res = await http(url, init);
  return { status: res.status, data: JSON.parse(res.text) as T, headers: res.headers };
}

/** The `cart_id=…` pair from a Set-Cookie header, ready to send back. */
export function cartCookieFrom(headers: TestResponse['headers']): string {
  const raw = headers['set-cookie'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const match = /cart_id=[^;]+/.exec(value ?? '');
  if (!match) throw new Error(`no cart cookie in ${String(value)}`);
  return match[0];
}

/** Text content of the first element carrying data-testid="id" (no nested tags expected). */
export function testId(html: string, id: string): string | undefined {
  const match = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html);
  return match?.[1];
}

export type RawOutcome = { status: number; body: string } | { error: string; message: string };

/** node:http GET that reports low-level failures (reset, parse error, timeout) as values. */
export function rawGet(url: string, timeoutMs = 5_000): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? 'ERROR', message: err.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? 'ERROR', message: err.message }));
  });
}
