import type { Catalog } from '../catalog';
import { collectionPageCount } from './storefront';
import { esc, layout, shopName, type View } from './html';

export function renderNotFound(view: View, path: string): string {
  return layout(view, {
    title: 'Page not found',
    body: `<h1 data-testid="not-found">Page not found</h1><p>We could not find <code>${esc(path)}</code>.</p><p><a href="/">Back to the shop</a> or <a href="/search">search our products</a>.</p>`,
  });
}

/** A visitor's mistake (bad form input, unknown product in a form post), shown in the storefront layout. */
export function renderClientError(view: View, status: number, message: string): string {
  return layout(view, {
    title: status === 404 ? 'Not found' : 'Something is not right',
    body: `<h1 data-testid="client-error">${status === 404 ? 'Not found' : 'Something is not right'}</h1><p class="notice error">${esc(message)}</p><p><a href="/">Back to the shop</a></p>`,
  });
}

const errorText: Record<number, string> = { 500: 'Internal Server Error', 503: 'Service Unavailable' };

/** What a failing store typically serves: a bare page, not the storefront layout (the app behind it is down). */
export function renderErrorPage(status: number, buildId: string): string {
  const reason = errorText[status] ?? 'Error';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} ${reason} – ${shopName}</title>
<meta name="build-id" content="${esc(buildId)}"></head><body style="font-family:system-ui;text-align:center;padding:64px">
<h1 data-testid="error-status">${status} ${reason}</h1><p data-testid="error-message">Something went wrong on our side. Please try again in a few minutes.</p>
<footer>build <span data-testid="build-id">${esc(buildId)}</span></footer></body></html>`;
}

export function errorReason(status: number): string {
  return errorText[status] ?? 'Error';
}

const sitemapCache = new WeakMap<Catalog, Map<string, string>>();

/** The biggest response the shop makes (~500 kB for 5,000 products), so it is built once per catalog and host. */
export function renderSitemap(catalog: Catalog, baseUrl: string): string {
  let perBase = sitemapCache.get(catalog);
  if (!perBase) {
    perBase = new Map();
    sitemapCache.set(catalog, perBase);
  }
  const cached = perBase.get(baseUrl);
  if (cached !== undefined) return cached;
  const base = esc(baseUrl);
  const url = (path: string, priority: string) => `<url><loc>${base}${path}</loc><priority>${priority}</priority></url>`;
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', url('/', '1.0')];
  for (const landing of catalog.landings) parts.push(url(`/landing/${landing.slug}`, '0.8'));
  for (const collection of catalog.collections) {
    parts.push(url(`/collections/${collection.slug}`, '0.7'));
    for (let page = 2; page <= collectionPageCount(collection); page++) {
      parts.push(url(`/collections/${collection.slug}?page=${page}`, '0.4'));
    }
  }
  for (const product of catalog.products) parts.push(url(`/products/${product.slug}`, '0.6'));
  parts.push('</urlset>\n');
  const xml = parts.join('\n');
  // Hosts come from request headers; keep only a few so a scanner cannot grow this without bound.
  if (perBase.size >= 8) perBase.clear();
  perBase.set(baseUrl, xml);
  return xml;
}

export function renderRobots(baseUrl: string): string {
  return `User-agent: *\nDisallow: /cart\nDisallow: /checkout\nDisallow: /account/\nDisallow: /api/\nDisallow: /__vigil/\n\nSitemap: ${baseUrl}/sitemap.xml\n`;
}
