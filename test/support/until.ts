/**
 * Polls `probe` every 50 ms until it gives a value (not undefined or false),
 * failing with "timed out waiting for <what>" after `timeoutMs`. Each suite
 * picks its own patience: `const until = untilWithin(8_000)`.
 */
export function untilWithin(timeoutMs: number) {
  return async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, ms = timeoutMs): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}
