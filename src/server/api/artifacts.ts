import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import type { ServerDeps } from '../app';

const contentTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.zip': 'application/zip',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.har': 'application/json',
  '.webm': 'video/webm',
};

const PREFIX = '/artifacts/';

/**
 * GET /artifacts/<relative path>: failure evidence (screenshots, traces)
 * from <dataDir>/artifacts. Only plain relative paths inside that folder are
 * served; `..`, absolute paths, backslashes, NUL and symlinks leading out
 * are refused. Files are sent as downloads except images, and never as HTML,
 * so evidence captured from a store cannot run script on Vigil's origin.
 */
export function artifactsApi({ config }: ServerDeps): Hono {
  const api = new Hono();
  const root = resolve(config.storage.dataDir, 'artifacts');
  api.get('/artifacts/*', async (c) => {
    const raw = c.req.path.slice(c.req.path.indexOf(PREFIX) + PREFIX.length);
    let relative: string;
    try {
      relative = decodeURIComponent(raw);
    } catch {
      return c.json({ error: 'expected a URL-encoded relative path', field: 'path' }, 400);
    }
    const segments = relative.split('/');
    if (relative === '' || relative.includes('\\') || relative.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
      return c.json({ error: 'expected a relative path inside the artifacts folder, without "..", "." or empty segments', field: 'path' }, 400);
    }
    const file = join(root, ...segments);
    let real: string;
    try {
      real = await realpath(file);
      const realRoot = await realpath(root);
      if (!real.startsWith(realRoot + sep)) return c.json({ error: 'expected a path inside the artifacts folder', field: 'path' }, 400);
      if (!(await stat(real)).isFile()) throw new Error('not a file');
    } catch {
      return c.json({ error: `no artifact ${relative.slice(0, 200)}`, field: 'path' }, 404);
    }
    const type = contentTypes[extname(real).toLowerCase()] ?? 'application/octet-stream';
    const size = (await stat(real)).size;
    const headers: Record<string, string> = {
      'content-type': type,
      'content-length': String(size),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=3600',
      'content-security-policy': "default-src 'none'; img-src 'self'; sandbox",
    };
    if (!type.startsWith('image/')) headers['content-disposition'] = `attachment; filename="${segments.at(-1)!.replace(/[^\w.-]/g, '_')}"`;
    return new Response(Readable.toWeb(createReadStream(real)) as ReadableStream, { status: 200, headers });
  });
  return api;
}
