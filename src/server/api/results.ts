import { Hono } from 'hono';
import { parseDuration } from '../../domain/duration';
import type { ServerDeps } from '../app';

/** Read-only API over checks, results and uptime. Every query parameter is validated and named in errors. */
export function resultsApi({ config, store }: ServerDeps): Hono {
  const api = new Hono();

  api.get('/checks', async (c) => {
    const latest = await store.latestResults();
    return c.json({
      checks: config.checks.map((check) => ({
        id: check.id,
        kind: check.kind,
        pageType: check.pageType ?? null,
        summary: check.summary,
        intervalMs: check.intervalMs,
        tags: check.tags,
        deployments: check.deployments.map((deployment) => {
          const last = latest.find((result) => result.checkId === check.id && result.deployment === deployment);
          return { name: deployment, lastResult: last ?? null };
        }),
      })),
    });
  });

  api.get('/results', async (c) => {
    const limit = c.req.query('limit') === undefined ? 50 : Number(c.req.query('limit'));
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return c.json({ error: 'expected an integer from 1 to 1000', field: 'limit' }, 400);
    const before = c.req.query('before');
    if (before !== undefined && !/^\d+$/.test(before)) return c.json({ error: 'expected a result id', field: 'before' }, 400);
    const results = await store.listResults({
      checkId: c.req.query('check'),
      deployment: c.req.query('deployment'),
      failedOnly: c.req.query('failed') === 'true',
      limit,
      beforeId: before === undefined ? undefined : Number(before),
    });
    const last = results.at(-1);
    return c.json({ results, next: results.length === limit && last ? `?before=${last.id}` : null });
  });

  api.get('/uptime', async (c) => {
    const windowMs = parseDuration(c.req.query('window') ?? '24h');
    if (windowMs === undefined || windowMs <= 0) return c.json({ error: 'expected a duration such as 24h, 7d or 90d', field: 'window' }, 400);
    const to = Date.now();
    const check = c.req.query('check');
    const uptime = await store.uptime({ from: to - windowMs, to }, { checkIds: check ? [check] : undefined, deployment: c.req.query('deployment') });
    return c.json({ from: to - windowMs, to, uptime });
  });

  return api;
}
