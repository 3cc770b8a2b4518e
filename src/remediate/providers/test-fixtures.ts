import type { ActionRequest, ProviderContext } from '../types';

/** A failover request as the providers' tests send it. */
export function sampleRequest(overrides: Partial<ActionRequest> = {}): ActionRequest {
  return {
    action: 'failover-to-backup',
    kind: 'failover',
    deployment: 'production',
    toDeployment: 'backup',
    incidentId: 12,
    reason: 'production is down: home, product',
    actor: 'policy:auto-failover',
    at: Date.UTC(2026, 10, 25, 14, 0, 0),
    attemptId: 3,
    ...overrides,
  };
}

export function providerContext(timeoutMs = 5_000): ProviderContext {
  return { signal: new AbortController().signal, timeoutMs };
}

/** Awaits a call that must fail and returns its error. */
export async function failure(call: Promise<unknown>): Promise<Error> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected the call to fail');
  return error;
}
