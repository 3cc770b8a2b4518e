import { z } from 'zod';
import type { AssertionResult } from '../domain/check-result';
import { compare, comparisonOrValueSchema, type Comparison } from '../domain/comparison';

/**
 * Checks shared by several kinds. Pure (zod and domain only), so definitions can import it.
 */

/**
 * A limit on how long the whole run took, in milliseconds.
 *
 * @example { responseTime: { lessThan: 800 } }
 */
export const responseTimeAssertionSchema = z
  .object({
    /** Total run time in milliseconds. @example { lessThan: 800 } */
    responseTime: comparisonOrValueSchema,
  })
  .strict();

export type ResponseTimeAssertion = z.infer<typeof responseTimeAssertionSchema>;

/** Applies a comparison and words a failure the way a person reads it: `status 503, expected status equals 200`. */
export function check(subject: string, actual: unknown, comparison: Comparison, shown?: string): AssertionResult & { failure?: string } {
  const outcome = compare(subject, actual, comparison);
  const seen = shown ?? outcome.actual;
  return {
    assertion: outcome.description,
    ok: outcome.ok,
    actual: seen,
    ...(outcome.ok ? {} : { failure: `${subject} ${clip(seen, 80)}, expected ${outcome.description}` }),
  };
}

export function checkResponseTime(assertions: readonly ResponseTimeAssertion[] | undefined, ms: number): Array<AssertionResult & { failure?: string }> {
  return (assertions ?? []).map((a) => check('responseTime', ms, a.responseTime, `${Math.round(ms)}ms`));
}

/** One line from the first one or two failures; the rest are in `assertions`. */
export function summarizeFailures(results: ReadonlyArray<AssertionResult & { failure?: string }>): string | undefined {
  const failures = results.filter((r) => !r.ok).map((r) => r.failure ?? `expected ${r.assertion}, got ${r.actual ?? 'nothing'}`);
  if (failures.length === 0) return undefined;
  const shown = failures.slice(0, 2).join('; ');
  return failures.length > 2 ? `${shown} (+${failures.length - 2} more)` : shown;
}

/** Drops the message-only field before an assertion is stored. */
export function stored({ failure: _failure, ...result }: AssertionResult & { failure?: string }): AssertionResult {
  return result;
}

export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** True when exactly one of `keys` is set on `value`: each assertion is one sentence. */
export function exactlyOne(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.filter((k) => value[k] !== undefined).length === 1;
}
