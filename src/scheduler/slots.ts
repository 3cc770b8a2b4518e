/**
 * Where in its interval each check runs. Pure: no clock, no I/O.
 *
 * Every check gets a fixed phase within its interval derived from a hash of
 * its key, so 10,000 checks at 60 s spread evenly over the minute instead of
 * firing together at :00, and the same check keeps the same phase across
 * restarts (the schedule resumes where it was).
 */

/** FNV-1a: fast, stable across processes and versions, well spread for short keys. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function phaseOf(key: string, intervalMs: number): number {
  return hashKey(key) % intervalMs;
}

/** The first slot of this check strictly after `after`. Slots are `phase + k * interval` on the epoch timeline. */
export function nextSlotAfter(after: number, intervalMs: number, phaseMs: number): number {
  const k = Math.floor((after - phaseMs) / intervalMs) + 1;
  return phaseMs + k * intervalMs;
}

/**
 * When a check should first run after the monitor starts.
 * - Never ran: soon, spread over the start-up window, so a fresh install shows results at once without a burst.
 * - Its slot since the last run has already passed (the monitor was down): also soon, spread the same way.
 * - Otherwise: its regular slot, as if the monitor had never stopped.
 */
export function firstDueAt(options: {
  key: string;
  intervalMs: number;
  now: number;
  lastStartedAt?: number;
  startupSpreadMs: number;
}): number {
  const { key, intervalMs, now, lastStartedAt, startupSpreadMs } = options;
  const phase = phaseOf(key, intervalMs);
  const spread = Math.max(1, Math.min(startupSpreadMs, intervalMs));
  const soon = now + (hashKey(`${key}#startup`) % spread);
  if (lastStartedAt === undefined) return soon;
  const slot = nextSlotAfter(lastStartedAt, intervalMs, phase);
  return slot < now ? soon : slot;
}
