import { Agent, request } from 'undici';
import type { FaultState } from './faults';

// The HTTPS side of a demo shop uses a self-signed (and sometimes expired) certificate by design.
let insecureAgent: Agent | undefined;

async function call(shopUrl: string, method: 'GET' | 'PATCH' | 'POST', path: string, body?: unknown): Promise<FaultState> {
  const url = new URL(path, shopUrl.endsWith('/') ? shopUrl : `${shopUrl}/`);
  const dispatcher = url.protocol === 'https:' ? (insecureAgent ??= new Agent({ connect: { rejectUnauthorized: false } })) : undefined;
  const res = await request(url, {
    method,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
    ...(dispatcher ? { dispatcher } : {}),
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.body.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${url.href} answered ${res.statusCode} with a body that is not JSON`);
  }
  if (res.statusCode !== 200) {
    const message = (data as { error?: unknown }).error;
    throw new Error(`${method} ${url.href} answered ${res.statusCode}: ${typeof message === 'string' ? message : text}`);
  }
  return data as FaultState;
}

/** Merges `patch` into the shop's faults (top-level keys replace; `slow` is replaced whole) and returns the new state. */
export function setRemoteFaults(shopUrl: string, patch: Partial<FaultState>): Promise<FaultState> {
  return call(shopUrl, 'PATCH', '__vigil/faults', patch);
}

export function getRemoteFaults(shopUrl: string): Promise<FaultState> {
  return call(shopUrl, 'GET', '__vigil/faults');
}

export function resetRemoteFaults(shopUrl: string): Promise<FaultState> {
  return call(shopUrl, 'POST', '__vigil/faults/reset');
}
