import { Hono } from 'hono';
import { z } from 'zod';
import { formatPath } from '../../config/model';
import type { CheckResult } from '../../domain/check-result';
import type { ServerDeps } from '../app';

/** Results in one request; a CI run of a whole config is a few hundred at most. */
const maxResults = 5_000;

const finite = z.number().finite();
const duration = finite.nonnegative();

const checkResultSchema = z
  .object({
    checkId: z.string().min(1),
    deployment: z.string().min(1),
    location: z.string().min(1).max(120),
    ok: z.boolean(),
    durationMs: duration,
    startedAt: z.number().int().nonnegative(),
    plannedAt: z.number().int().nonnegative().optional(),
    error: z.string().max(10_000).optional(),
    phases: z
      .object({ dns: duration, connect: duration, tls: duration, firstByte: duration, download: duration })
      .partial()
      .extend({ total: duration })
      .optional(),
    assertions: z.array(z.object({ assertion: z.string(), ok: z.boolean(), actual: z.string().optional() })).default([]),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .strip();

const bodySchema = z.object({ results: z.array(checkResultSchema).min(1, { error: 'expected at least one result' }).max(maxResults) }).strict();

/**
 * `POST /api/v1/results`: results of runs made elsewhere (`vigil test --record`
 * in CI) stored like the scheduler's own, so they show in results and uptime.
 * Only checks this Vigil's config knows are accepted: a result of an unknown
 * check would be stored where nothing can show or alert on it.
 */
export function recordApi({ config, store }: ServerDeps): Hono {
  const api = new Hono();
  const known = new Set(config.checks.map((check) => check.id));

  api.post('/results', async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return c.json({ error: 'expected a JSON body: { "results": [CheckResult, …] }' }, 400);
    }
    const parsed = bodySchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({ field: formatPath(issue.path as PropertyKey[]) || '(body)', message: issue.message }));
      const first = problems[0]!;
      return c.json({ error: `${first.field}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, field: first.field, problems }, 400);
    }
    const results = parsed.data.results as CheckResult[];
    const unknown = [...new Set(results.map((result) => result.checkId).filter((id) => !known.has(id)))];
    if (unknown.length > 0) {
      return c.json(
        { error: `unknown check${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')}: this Vigil's config (${config.file}) has no such check`, field: 'results', unknownChecks: unknown },
        400,
      );
    }
    await store.insertResults(results);
    return c.json({ stored: results.length });
  });

  return api;
}
