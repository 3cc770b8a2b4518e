import { z } from 'zod';
import { durationSchema } from '../config/duration-schema';
import type { RawProblem } from '../config/zod-problems';
import { defaultDisparityPolicy, type DisparityPolicy } from './disparity';

/**
 * How deployments are compared. Every field has a default, so `disparity: {}` or nothing at all works.
 * @example { latencyRatio: 3, latencyMinDifference: "500ms", sustainedFor: "5m", contentConfirmations: 2, ignore: ["sitemap"] }
 */
export const disparitySchema = z
  .object({
    /** A deployment whose median latency is this many times another's is suspect. Default 3. @example 3 */
    latencyRatio: z.number().min(1, { error: 'expected a ratio of at least 1' }).default(defaultDisparityPolicy.latencyRatio),
    /** …and at least this much slower. Default 500ms. @example "500ms" */
    latencyMinDifference: durationSchema.default(defaultDisparityPolicy.latencyMinDifferenceMs / 1000),
    /** How long a latency difference must last before it is raised. Default 5m. @example "5m" */
    sustainedFor: durationSchema.default(defaultDisparityPolicy.sustainedForMs / 1000),
    /** The window latency medians are taken over. Default 5m. @example "10m" */
    latencyWindow: durationSchema.refine((ms) => ms >= 1_000, { error: 'expected a window of at least 1s' }).default(defaultDisparityPolicy.latencyWindowMs / 1000),
    /**
     * Consecutive comparisons (fresh runs on both sides) a status or content difference must show before it is raised,
     * so a deploy that reaches one deployment before the other does not alert. Default 2. @example 2
     */
    contentConfirmations: z.number().int().min(1).max(100).default(defaultDisparityPolicy.confirmations),
    /** Check names (or ids) that are never compared, e.g. pages that differ by design. @example ["sitemap"] */
    ignore: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type DisparityInput = z.input<typeof disparitySchema>;

/** The policy the evaluator uses; unknown check names in `ignore` are reported at `disparity.ignore[i]`. */
export function resolveDisparity(
  parsed: z.output<typeof disparitySchema> | undefined,
  checkNames: { id: string; name: string }[],
  problems: RawProblem[],
): DisparityPolicy {
  if (!parsed) return defaultDisparityPolicy;
  parsed.ignore.forEach((name, index) => {
    if (!checkNames.some((check) => check.name === name || check.id === name)) {
      problems.push({ path: ['disparity', 'ignore', index], message: `expected the name of a check, got "${name}"` });
    }
  });
  return {
    latencyRatio: parsed.latencyRatio,
    latencyMinDifferenceMs: parsed.latencyMinDifference,
    sustainedForMs: parsed.sustainedFor,
    latencyWindowMs: parsed.latencyWindow,
    confirmations: parsed.contentConfirmations,
    ignore: parsed.ignore,
  };
}
