import { Hono } from 'hono';
import { parseDuration } from '../../domain/duration';
import { loadComparison } from '../../monitor/disparity-comparison';
import type { ServerDeps } from '../app';

/** `GET /api/v1/compare?window=1h&check=NAME`: production and its backups side by side, with the open disparities. */
export function compareApi({ config, store }: ServerDeps): Hono {
  const api = new Hono();
  api.get('/compare', async (c) => {
    const windowMs = parseDuration(c.req.query('window') ?? '1h');
    if (windowMs === undefined || windowMs <= 0) return c.json({ error: 'expected a duration such as 15m, 1h or 24h', field: 'window' }, 400);
    const check = c.req.query('check') || undefined;
    if (check && !config.checks.some((candidate) => candidate.name === check || candidate.id === check)) {
      return c.json({ error: `no check named "${check}"`, field: 'check' }, 404);
    }
    return c.json(await loadComparison(config, store, { windowMs, check, now: Date.now() }));
  });
  api.get('/disparities', async (c) => {
    const all = await store.listDisparities();
    return c.json({ disparities: all.filter((d) => d.raisedAt !== undefined), pending: all.filter((d) => d.raisedAt === undefined) });
  });
  return api;
}
