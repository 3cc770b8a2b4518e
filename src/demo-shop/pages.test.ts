import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShops } from './index';
import { http, json, testId } from './testing';

type Shops = Awaited<ReturnType<typeof startDemoShops>>;
type ApiProduct = { slug: string; title: string; price: number; currency: string; stock: number; collection: string };
type ProductPage = { page: number; limit: number; total: number; pages: number; items: ApiProduct[] };

describe('demo shop pages', () => {
  let shops: Shops;
  let primary: string;
  let sample: ApiProduct;

  beforeAll(async () => {
    shops = await startDemoShops();
    primary = shops.primary.url;
    sample = (await json<ProductPage>(`${primary}/api/products?limit=5`)).data.items.find((p) => p.stock > 5)!;
  });
  afterAll(async () => {
    await shops.close();
  });

  it('serves the same 5000-product catalog on both deployments', async () => {
    const [a, b] = await Promise.all(
      [shops.primary.url, shops.backup.url].map(async (url) => {
        const items: ApiProduct[] = [];
        for (let page = 1; ; page++) {
          const { data } = await json<ProductPage>(`${url}/api/products?limit=100&page=${page}`);
          items.push(...data.items);
          if (page >= data.pages) return items;
        }
      }),
    );
    expect(a).toHaveLength(5000);
    expect(b).toEqual(a);
  });

  it('answers every page type with 200, the shop name and the build id', async () => {
    const pages: [string, string][] = [
      ['/', 'featured-products'],
      ['/landing/black-friday', 'landing-title'],
      ['/landing/winter-sale', 'landing-title'],
      ['/landing/new-arrivals', 'landing-title'],
      ['/collections/shoes', 'collection-title'],
      ['/collections/shoes?page=2', 'pagination'],
      [`/products/${sample.slug}`, 'product-title'],
      ['/cart', 'cart-empty'],
      ['/checkout', 'checkout-form'],
      ['/account/login', 'login-form'],
      ['/search?q=wool', 'search-results'],
    ];
    for (const [path, marker] of pages) {
      const res = await http(`${primary}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toContain('text/html');
      expect(res.text, path).toMatch(/<title>[^<]*Vigil Demo Store[^<]*<\/title>/);
      expect(res.text, path).toContain('<meta name="build-id" content="build-2026.11.25-1">');
      expect(testId(res.text, 'build-id'), path).toBe('build-2026.11.25-1');
      expect(res.text, path).toContain(`data-testid="${marker}"`);
    }
  });

  it('renders a product page with title, formatted price, stock and an add-to-cart button', async () => {
    const res = await http(`${primary}/products/${sample.slug}`);
    expect(testId(res.text, 'product-title')).toBe(sample.title);
    expect(testId(res.text, 'price')).toBe(`$${sample.price.toFixed(2)}`);
    expect(testId(res.text, 'stock')).toMatch(/^(In stock|Only \d left)$/);
    expect(res.text).toContain('data-testid="add-to-cart"');
    expect(res.text).toMatch(/<script src="\/assets\/app\.js\?v=[0-9a-f]+" defer>/);
  });

  it('paginates collections 24 per page with links to product pages', async () => {
    const res = await http(`${primary}/collections/jackets?page=2`);
    const cards = res.text.match(/data-testid="product-card"/g) ?? [];
    expect(cards).toHaveLength(24);
    expect(res.text).toMatch(/href="\/products\/[a-z0-9-]+"/);
    expect(res.text).toContain('href="/collections/jackets?page=1"');
    expect((await http(`${primary}/collections/jackets?page=999`)).status).toBe(404);
  });

  it('answers unknown products, collections and paths with a real 404 page', async () => {
    for (const path of ['/products/no-such-thing', '/collections/nope', '/landing/nope', '/nope/at/all']) {
      const res = await http(`${primary}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.text, path).toContain('data-testid="not-found"');
    }
    expect((await json(`${primary}/api/products/no-such-thing`)).status).toBe(404);
  });

  it('lists home, landings, collections and all products in a valid sitemap', async () => {
    const res = await http(`${primary}/sitemap.xml`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(res.text).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const locs = [...res.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs).toContain(`${primary}/`);
    expect(locs).toContain(`${primary}/landing/black-friday`);
    expect(locs).toContain(`${primary}/collections/shoes`);
    expect(locs.filter((l) => l.includes('/products/'))).toHaveLength(5000);
    expect(res.text.trimEnd().endsWith('</urlset>')).toBe(true);
    const robots = await http(`${primary}/robots.txt`);
    expect(robots.text).toContain(`Sitemap: ${primary}/sitemap.xml`);
  });

  it('serves the JSON API: product, paged list, build and health', async () => {
    const product = await json<ApiProduct>(`${primary}/api/products/${sample.slug}`);
    expect(product.data).toEqual(sample);
    expect(product.data.currency).toBe('USD');
    const list = await json<ProductPage>(`${primary}/api/products?page=3&limit=10`);
    expect(list.data).toMatchObject({ page: 3, limit: 10, total: 5000, pages: 500 });
    expect(list.data.items).toHaveLength(10);
    expect((await json(`${primary}/api/products?limit=1000`)).status).toBe(400);
    expect((await json(`${primary}/api/build`)).data).toEqual({ buildId: 'build-2026.11.25-1', deployment: 'primary' });
    expect((await json(`${shops.backup.url}/api/build`)).data).toEqual({ buildId: 'build-2026.11.25-1', deployment: 'backup' });
    expect((await json(`${primary}/api/health`)).data).toEqual({ ok: true });
  });

  it('shows search results, and a no-results message', async () => {
    const hit = await http(`${primary}/search?q=${encodeURIComponent(sample.title)}`);
    expect(hit.text).toContain(`data-product-slug="${sample.slug}"`);
    const miss = await http(`${primary}/search?q=zzzzqqq`);
    expect(miss.text).toContain('data-testid="search-no-results"');
  });

  it('never places an order at checkout', async () => {
    const res = await http(`${primary}/checkout`, { method: 'POST', form: { email: 'a@b.c', card: '4242424242424242' } });
    expect(res.status).toBe(200);
    expect(testId(res.text, 'order-result')).toBe('Demo store: no order placed.');
  });

  it('serves the cart script and rejects unsupported methods', async () => {
    const js = await http(`${primary}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.text).toContain("fetch('/api/cart'");
    expect((await http(`${primary}/products/${sample.slug}`, { method: 'DELETE' })).status).toBe(405);
  });
});
