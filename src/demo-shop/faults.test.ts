import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShops } from './index';
import { http, json, rawGet, testId } from './testing';

type Shops = Awaited<ReturnType<typeof startDemoShops>>;

describe('faults', () => {
  let shops: Shops;
  let primary: string;
  let slug: string;

  beforeAll(async () => {
    shops = await startDemoShops({ productCount: 200 });
    primary = shops.primary.url;
    slug = (await json<{ items: { slug: string }[] }>(`${primary}/api/products?limit=1`)).data.items[0]!.slug;
  });
  afterEach(() => {
    shops.primary.resetFaults();
    shops.backup.resetFaults();
  });
  afterAll(async () => {
    await shops.close();
  });

  async function timed(url: string): Promise<number> {
    const start = performance.now();
    await http(url);
    return performance.now() - start;
  }

  it('slow delays only the chosen page type, and `all` delays everything', async () => {
    shops.primary.setFaults({ slow: { product: 600 } });
    // Started together, the undelayed page must come back first: an ordering, not a timing bound, so a busy machine cannot flake it.
    const finished: string[] = [];
    await Promise.all([
      timed(`${primary}/products/${slug}`).then((ms) => {
        finished.push('product');
        expect(ms).toBeGreaterThanOrEqual(590);
      }),
      timed(`${primary}/`).then(() => finished.push('home')),
    ]);
    expect(finished).toEqual(['home', 'product']);
    shops.primary.setFaults({ slow: { all: 250 } });
    expect(await timed(`${primary}/api/health`)).toBeGreaterThanOrEqual(240);
  });

  it('errorStatus answers every page with 500 or 503 and an error page, limited by errorPageTypes', async () => {
    shops.primary.setFaults({ errorStatus: 500 });
    const page = await http(`${primary}/`);
    expect(page.status).toBe(500);
    expect(testId(page.text, 'error-status')).toBe('500 Internal Server Error');
    expect((await json(`${primary}/api/health`)).status).toBe(500);

    shops.primary.setFaults({ errorStatus: 503, errorPageTypes: ['checkout'] });
    const checkout = await http(`${primary}/checkout`);
    expect(checkout.status).toBe(503);
    expect(checkout.headers['retry-after']).toBe('30');
    expect((await http(`${primary}/`)).status).toBe(200);
    expect((await http(shops.backup.url + '/checkout')).status).toBe(200);
  });

  it('flapEvery=3 fails exactly every third request', async () => {
    shops.primary.setFaults({ flapEvery: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await http(`${primary}/api/health`)).status);
    expect(statuses).toEqual([200, 200, 500, 200, 200, 500, 200, 200, 500]);
  });

  it('priceDelta changes prices on one deployment only', async () => {
    shops.primary.setFaults({ priceDelta: 5 });
    const [p, b] = await Promise.all([
      json<{ price: number }>(`${primary}/api/products/${slug}`),
      json<{ price: number }>(`${shops.backup.url}/api/products/${slug}`),
    ]);
    expect(p.data.price).toBeCloseTo(b.data.price + 5, 2);
    const [pPage, bPage] = await Promise.all([http(`${primary}/products/${slug}`), http(`${shops.backup.url}/products/${slug}`)]);
    expect(testId(pPage.text, 'price')).toBe(`$${(b.data.price + 5).toFixed(2)}`);
    expect(testId(bPage.text, 'price')).toBe(`$${b.data.price.toFixed(2)}`);
  });

  it('buildId overrides the build served in markup, header and API', async () => {
    shops.backup.setFaults({ buildId: 'build-2026.11.20-7' });
    const page = await http(`${shops.backup.url}/`);
    expect(page.text).toContain('<meta name="build-id" content="build-2026.11.20-7">');
    expect(testId(page.text, 'build-id')).toBe('build-2026.11.20-7');
    expect(page.headers['x-build-id']).toBe('build-2026.11.20-7');
    expect((await json(`${shops.backup.url}/api/build`)).data).toEqual({ buildId: 'build-2026.11.20-7', deployment: 'backup' });
    expect((await json(`${primary}/api/build`)).data).toMatchObject({ buildId: 'build-2026.11.25-1' });
  });

  it('brokenAddToCart serves a different script that never calls the cart API, while the API still works', async () => {
    const healthyPage = await http(`${primary}/products/${slug}`);
    shops.primary.setFaults({ brokenAddToCart: true });
    const brokenPage = await http(`${primary}/products/${slug}`);
    const scriptOf = (html: string) => /<script src="([^"]+)"/.exec(html)![1]!;
    expect(scriptOf(brokenPage.text)).not.toBe(scriptOf(healthyPage.text));
    const broken = await http(`${primary}${scriptOf(brokenPage.text)}`);
    expect(broken.text).toContain('form.dataset.variant.slug');
    expect(brokenPage.text).not.toContain('data-variant');
    // The healthy script stays reachable by its own version, so a page and its script always match.
    expect((await http(`${primary}${scriptOf(healthyPage.text)}`)).text).not.toContain('dataset.variant');
    expect((await json(`${primary}/api/cart`, { method: 'POST', json: { slug } })).status).not.toBe(500);
  });

  it('resetConnections makes the client see a connection reset', async () => {
    shops.primary.setFaults({ resetConnections: true });
    expect(await rawGet(`${primary}/`)).toMatchObject({ error: 'ECONNRESET' });
  });

  it('garbage makes the client fail to parse the response', async () => {
    shops.primary.setFaults({ garbage: true });
    const outcome = await rawGet(`${primary}/`);
    expect(outcome).toMatchObject({ error: expect.stringMatching(/^HPE_/) });
  });

  it('timeout never answers, so the client gives up', async () => {
    shops.primary.setFaults({ timeout: true });
    const start = performance.now();
    expect(await rawGet(`${primary}/`, 300)).toMatchObject({ error: 'CLIENT_TIMEOUT' });
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);
  });

  it('faults on one deployment leave the other healthy', async () => {
    shops.primary.setFaults({ errorStatus: 503, resetConnections: false });
    expect((await http(`${primary}/`)).status).toBe(503);
    expect((await http(`${shops.backup.url}/`)).status).toBe(200);
  });
});
