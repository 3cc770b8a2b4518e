import type { ApiError } from '../server/api/contract';

/** A failed API call, with the server's message and the field it named. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** The session's CSRF token, sent as x-vigil-csrf on every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the session has expired, so the app can show the login page again. */
export function whenUnauthorized(callback: () => void): void {
  onUnauthorized = callback;
}

const early = new Map<string, Promise<unknown>>();

/**
 * Starts a GET before the page that needs it has mounted (the grid, on first
 * load, alongside the sign-in check instead of after it). The first `api()`
 * call for the same path takes it over; one nobody takes is dropped quietly.
 */
export function prefetch(path: string): void {
  const request = send(path, {}, false);
  request.catch(() => {});
  early.set(path, request);
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const started = (init.method ?? 'GET') === 'GET' ? early.get(path) : undefined;
  if (started) {
    early.delete(path);
    try {
      return (await started) as T;
    } catch {
      // Started before signing in (a 401), or failed in passing: ask again now, as if there had been no head start.
    }
  }
  return send<T>(path, init, true);
}

async function send<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal }, reportUnauthorized: boolean): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-vigil-csrf'] = csrfToken;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
    signal: init.signal,
  });
  const text = await response.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's HTML error page: report the status below instead.
  }
  if (!response.ok) {
    const problem = (data ?? {}) as Partial<ApiError>;
    if (reportUnauthorized && response.status === 401 && !path.startsWith('/auth/')) onUnauthorized();
    throw new RequestError(problem.error ?? `${method} ${path} answered ${response.status}`, response.status, problem.field);
  }
  return data as T;
}

/** The URL of a stored failure artifact (screenshot, trace): the part of its path below the data dir's artifacts folder. */
export function artifactUrl(path: string): string {
  const marker = '/artifacts/';
  const normal = path.replace(/\\/g, '/');
  const at = normal.lastIndexOf(marker);
  const relative = at === -1 ? normal : normal.slice(at + marker.length);
  return `/api/v1/artifacts/${relative.split('/').map(encodeURIComponent).join('/')}`;
}
