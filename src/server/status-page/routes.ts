import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ServerDeps } from '../app';
import { loadStatusPage } from './model';
import { renderStatusPage } from './render';

/** Browsers and CDNs may keep the page this long; the server renders it at most this often too. */
export const STATUS_MAX_AGE_S = 30;

/**
 * GET /status: public, cacheable (Cache-Control and a strong ETag with 304),
 * rendered at most once per 30 s however many visitors arrive, so a burst of
 * customers during an outage costs the store nothing.
 */
export function statusPageRoutes(deps: ServerDeps, path = '/status'): Hono {
  const routes = new Hono();
  const { config, store } = deps;
  const statusPage = config.statusPage;
  if (!statusPage) return routes;
  let cached: { html: string; etag: string; at: number } | undefined;
  let rendering: Promise<{ html: string; etag: string; at: number }> | undefined;
  const current = async () => {
    const now = Date.now();
    if (cached && now - cached.at < STATUS_MAX_AGE_S * 1000) return cached;
    rendering ??= loadStatusPage({ ...config, statusPage }, store, now)
      .then((data) => {
        const html = renderStatusPage(data);
        cached = { html, etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`, at: now };
        return cached;
      })
      .finally(() => {
        rendering = undefined;
      });
    return rendering;
  };
  const serve = async (c: Context) => {
    const page = await current();
    const headers = { 'cache-control': `public, max-age=${STATUS_MAX_AGE_S}`, etag: page.etag, 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" };
    const asked = c.req.header('if-none-match');
    if (asked && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag)) return c.body(null, 304, headers);
    return c.html(page.html, 200, headers);
  };
  routes.get(path, serve);
  if (path !== '/') routes.get(`${path}/`, serve);
  return routes;
}

/** The status page alone, for its own port: `/` and `/status`, nothing else. */
export function statusPageApp(deps: ServerDeps): Hono {
  const app = new Hono();
  app.route('/', statusPageRoutes(deps, '/'));
  app.route('/', statusPageRoutes(deps, '/status'));
  app.notFound((c) => c.text('not found', 404));
  app.onError((_error, c) => c.text('the status page is unavailable right now', 500));
  return app;
}
