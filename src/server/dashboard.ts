import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Logger } from '../log/logger';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Where the built dashboard lives and where its sources are. */
export const dashboardPaths = {
  dist: join(root, 'dist', 'web'),
  source: join(root, 'src', 'web'),
  viteConfig: join(root, 'src', 'web', 'vite.config.ts'),
};

/** Paths the SPA never answers: the server's own routes, whose 404s must stay JSON (or plain) rather than become the app. */
const serverPrefixes = ['/api/', '/ping/', '/status', '/metrics', '/healthz'];

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built SPA. Files under /assets/ carry a content hash in their
 * name, so they may be cached for a year; index.html must be revalidated every
 * time, or a browser would keep asking for hashes a new build deleted. Any
 * other GET that is not a server route answers index.html so client routes
 * (/checks/…, /incidents/7) survive a reload. Mount it last.
 */
export function dashboardRoutes(options: { dist?: string } = {}): Hono {
  const dist = resolve(options.dist ?? dashboardPaths.dist);
  const app = new Hono();
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (serverPrefixes.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return c.text('bad path', 400);
    }
    const file = normalize(join(dist, decoded));
    if (file.startsWith(dist + sep) && extname(file) !== '') {
      const body = await readFile(file).catch(() => undefined);
      if (body) {
        const immutable = decoded.startsWith('/assets/');
        return c.body(body, 200, {
          'content-type': types[extname(file)] ?? 'application/octet-stream',
          'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
          'x-content-type-options': 'nosniff',
        });
      }
      // A missing hashed asset is a stale page asking for an old build: a 404, not the app's HTML under a .js name.
      if (decoded.startsWith('/assets/')) return c.text('not found', 404, { 'cache-control': 'no-store' });
    }
    const index = await readFile(join(dist, 'index.html'), 'utf8').catch(() => undefined);
    if (!index) {
      return c.text('The dashboard is not built yet: run `npm run build:web` (vigil run and vigil demo build it on start).', 503, { 'cache-control': 'no-store', 'retry-after': '5' });
    }
    return c.html(index, 200, { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
  });
  return app;
}

/** The newest modification time under `dir` (sources: a handful of files, so a walk costs well under a millisecond or two). */
async function newestChange(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestChange(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

/** Whether dist/web is missing or older than any file in src/web. */
export async function dashboardIsStale(paths = dashboardPaths): Promise<boolean> {
  const built = await stat(join(paths.dist, 'index.html')).catch(() => undefined);
  if (!built) return true;
  const sources = await newestChange(paths.source).catch(() => 0);
  return sources > built.mtimeMs;
}

/**
 * Builds the dashboard with Vite's JS API when dist/web is missing or stale,
 * so `npm start` works right after `npm ci`. It builds into a fresh folder and
 * swaps it in, so a second Vigil starting at the same moment never serves a
 * half-written build. A failed build is logged, not fatal: checks and alerts
 * matter more than the dashboard, which then answers 503 with what to run.
 */
export async function ensureDashboardBuilt(log: Logger, paths = dashboardPaths, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  // Unit and API tests start Vigil many times at once and never open the dashboard: a build each would only load the machine.
  if (env.VITEST && paths === dashboardPaths) return false;
  if (!(await dashboardIsStale(paths))) return true;
  const started = performance.now();
  log.info('building the dashboard…');
  const outDir = `${paths.dist}.${process.pid}.${Date.now()}`;
  try {
    const vite = await import('vite');
    await vite.build({ configFile: paths.viteConfig, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    await mkdir(join(paths.dist, '..'), { recursive: true });
    const old = `${paths.dist}.old.${process.pid}.${Date.now()}`;
    await rename(paths.dist, old).catch(() => undefined);
    // Another Vigil may have swapped its build in between: theirs is as good as ours.
    await rename(outDir, paths.dist).catch(async (error: unknown) => {
      if (!(await stat(join(paths.dist, 'index.html')).catch(() => undefined))) throw error;
      await rm(outDir, { recursive: true, force: true });
    });
    await rm(old, { recursive: true, force: true });
    log.info({ ms: Math.round(performance.now() - started) }, 'dashboard built');
    return true;
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    log.error({ err: error }, 'could not build the dashboard; run `npm run build:web` to see why');
    return false;
  }
}
