import { request } from 'undici';

export const DEFAULT_VIGIL_URL = 'http://127.0.0.1:8787';
export const baseUrl = (flag?: string): string => (flag ?? process.env.VIGIL_URL ?? DEFAULT_VIGIL_URL).replace(/\/+$/, '');

export type PingAction = 'success' | 'start' | 'fail' | 'log' | number;

export type PingOutcome = { ok: boolean; status?: number; error?: string; attempts: number };

const pathOf = (action: PingAction) => (action === 'success' ? '' : `/${action}`);

/**
 * Sends one ping, retrying with backoff (3 tries: now, +0.5 s, +2 s) when
 * Vigil cannot be reached or answers 429/5xx. A 404 is final: the id is
 * wrong, and retrying will not fix it. Never throws.
 */
export async function sendPing(options: { base: string; id: string; action: PingAction; runId?: string; body?: string; tries?: number; backoffMs?: number[] }): Promise<PingOutcome> {
  const url = `${options.base}/ping/${encodeURIComponent(options.id)}${pathOf(options.action)}${options.runId ? `?rid=${encodeURIComponent(options.runId)}` : ''}`;
  const tries = options.tries ?? 3;
  const backoff = options.backoffMs ?? [500, 2_000];
  let last: PingOutcome = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      const response = await request(url, {
        method: options.body === undefined ? 'GET' : 'POST',
        body: options.body,
        headers: { 'user-agent': 'vigil-cli', ...(options.body === undefined ? {} : { 'content-type': 'text/plain; charset=utf-8' }) },
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      await response.body.dump();
      last = { ok: response.statusCode < 300, status: response.statusCode, attempts: attempt };
      if (last.ok || (response.statusCode < 500 && response.statusCode !== 429)) return last;
    } catch (error) {
      last = { ok: false, error: (error as Error).message || String(error), attempts: attempt };
    }
    if (attempt < tries) await new Promise((resolve) => setTimeout(resolve, backoff[attempt - 1] ?? backoff.at(-1) ?? 1_000));
  }
  return last;
}
