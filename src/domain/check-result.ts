/**
 * What one run of one check against one deployment observed. Produced by a
 * check type's runner, stored as is, evaluated later. Times are epoch ms;
 * durations are ms.
 */

/** Where time went during a request. A phase is absent when it did not happen (a reused connection has no dns/connect/tls). */
export type Phases = {
  dns?: number;
  connect?: number;
  tls?: number;
  /** From request sent to the first byte of the response. */
  firstByte?: number;
  /** From the first byte to the last. */
  download?: number;
  total: number;
};

export type AssertionResult = {
  /** Human words for the assertion, e.g. `status equals 200`, `body contains "Add to cart"`. */
  assertion: string;
  ok: boolean;
  /** What was seen, shortened for storage (≤ 200 chars). */
  actual?: string;
};

/** A runner's answer. A target that is down is an Observation with ok=false, never a throw. */
export type Observation = {
  ok: boolean;
  /** Wall time of the whole run. */
  durationMs: number;
  phases?: Phases;
  /** Why the run failed, in one line a person can act on (`connect ECONNREFUSED 127.0.0.1:4101`, `status 503, expected 200`). */
  error?: string;
  assertions: AssertionResult[];
  /** Kind-specific facts worth keeping: status code, bytes, resolved addresses, certificate expiry… */
  details?: Record<string, unknown>;
};

export type CheckResult = Observation & {
  /** Stable id of the check (its configured name). */
  checkId: string;
  deployment: string;
  location: string;
  /** When the run started (epoch ms). */
  startedAt: number;
  /** When the scheduler planned it to start; startedAt - plannedAt is the drift. */
  plannedAt?: number;
};
