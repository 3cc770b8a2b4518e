import { z } from 'zod';
import { durationSchema } from '../config/duration-schema';
import type { RawProblem } from '../config/zod-problems';
import { cronProblem } from '../notify/maintenance';
import type { Heartbeat } from './model';

export const DEFAULT_GRACE_MS = 60_000;

/**
 * A heartbeat in the config. The `id` is the secret in the ping URL; config
 * is code, so it is written down rather than generated, e.g. with
 * `node -e "console.log(crypto.randomUUID())"`.
 */
export const heartbeatSchema = z
  .object({
    /** @example "nightly backup" */
    name: z.string().min(1).max(120),
    /** At least 16 url-safe characters; anyone who knows it can ping. @example "3f1c9a0e-8b7d-4c2a-9e51-0d6b2f7a4c11" */
    id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'expected 16–64 url-safe characters (letters, digits, _ and -); generate one with node -e "console.log(crypto.randomUUID())"' }),
    /** A readable alias: `/ping/s/<slug>`. @example "nightly-backup" */
    slug: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'expected lowercase letters, digits, _ and - (at most 64)' }).optional(),
    /** Expected every `period`. @example "1h" */
    period: durationSchema.refine((ms) => ms >= 1_000, { error: 'expected a period of at least 1s' }).optional(),
    /** Or expected at each cron time, in `timezone`. @example "0 3 * * *" */
    cron: z.string().optional(),
    /** IANA time zone of `cron`; default UTC. @example "Europe/Berlin" */
    timezone: z.string().optional(),
    /** How late a ping may be before the run counts as missed. Default 1m. @example "5m" */
    grace: durationSchema.optional(),
    /** A start without a finish after this long fails. @example "30m" */
    maxDuration: durationSchema.optional(),
    /** A run finishing faster than this fails. @example "10s" */
    minDuration: durationSchema.optional(),
    tags: z.array(z.string()).default([]),
    /** Deployment label for incidents; default `heartbeats`. @example "production" */
    deployment: z.string().min(1).optional(),
    runbook: z.url().optional(),
  })
  .strict()
  .superRefine((hb, ctx) => {
    if ((hb.period === undefined) === (hb.cron === undefined)) ctx.addIssue({ code: 'custom', message: 'expected either period (+ grace) or cron (+ timezone, grace)' });
    if (hb.timezone !== undefined && hb.cron === undefined) ctx.addIssue({ code: 'custom', path: ['timezone'], message: 'timezone applies to cron only' });
    if (hb.minDuration !== undefined && hb.maxDuration !== undefined && hb.minDuration >= hb.maxDuration) ctx.addIssue({ code: 'custom', path: ['minDuration'], message: 'expected minDuration below maxDuration' });
  });

/** An outbound heartbeat: Vigil pings this URL so something that is not Vigil notices when Vigil stops. */
export const selfHeartbeatSchema = z
  .object({
    /** @example "https://hc-ping.com/your-uuid" */
    url: z.url({ protocol: /^https?$/ }),
    /** Default 1m. @example "30s" */
    every: durationSchema.refine((ms) => ms >= 1_000, { error: 'expected at least 1s' }).default(60_000),
  })
  .strict();

type ParsedHeartbeat = z.output<typeof heartbeatSchema>;

/** Cross-checks (unique names, ids, slugs; valid cron and zone) and the resolved model. */
export function resolveHeartbeats(parsed: ParsedHeartbeat[], problems: RawProblem[]): Heartbeat[] {
  const seen = { name: new Map<string, number>(), id: new Map<string, number>(), slug: new Map<string, number>() };
  return parsed.map((hb, index) => {
    for (const field of ['name', 'id', 'slug'] as const) {
      const value = hb[field];
      if (value === undefined) continue;
      const first = seen[field].get(value);
      if (first !== undefined) problems.push({ path: ['heartbeats', index, field], message: `duplicate heartbeat ${field} "${value}" (also heartbeats[${first}])` });
      else seen[field].set(value, index);
    }
    if (hb.cron !== undefined) {
      const problem = cronProblem(hb.cron, hb.timezone ?? 'UTC');
      if (problem) problems.push({ path: ['heartbeats', index, hb.timezone ? 'timezone' : 'cron'], message: problem });
    }
    return {
      name: hb.name,
      id: hb.id,
      slug: hb.slug,
      schedule: hb.cron !== undefined ? { kind: 'cron', cron: hb.cron, timezone: hb.timezone ?? 'UTC' } : { kind: 'period', periodMs: hb.period ?? 0 },
      graceMs: hb.grace ?? DEFAULT_GRACE_MS,
      maxDurationMs: hb.maxDuration,
      minDurationMs: hb.minDuration,
      tags: hb.tags,
      deployment: hb.deployment ?? 'heartbeats',
      runbook: hb.runbook,
    };
  });
}
