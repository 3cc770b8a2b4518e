import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CartStore, applyCartChange } from './cart';
import type { CartView } from './cart-view';
import { startDemoShop, type RunningDemoShop } from './index';
import { cartCookieFrom, http, json, testId } from './testing';

type ApiProduct = { slug: string; price: number; stock: number };

describe('cart', () => {
  let shop: RunningDemoShop;
  let inStock: ApiProduct[];
  let soldOut: ApiProduct;

  beforeAll(async () => {
    shop = await startDemoShop({ deployment: 'primary', productCount: 300 });
    const { data } = await json<{ items: ApiProduct[] }>(`${shop.url}/api/products?limit=100`);
    inStock = data.items.filter((p) => p.stock > 5);
    soldOut = data.items.find((p) => p.stock === 0)!;
  });
  afterAll(async () => {
    await shop.close();
  });

  it('adds, changes quantity and removes through the API, keeping the subtotal right', async () => {
    const [a, b] = inStock as [ApiProduct, ApiProduct];
    const added = await json<CartView>(`${shop.url}/api/cart`, { method: 'POST', json: { slug: a.slug, quantity: 2 } });
    expect(added.status).toBe(200);
    const cookie = cartCookieFrom(added.headers);
    expect(added.data.count).toBe(2);

    await json(`${shop.url}/api/cart`, { method: 'POST', cookie, json: { slug: b.slug } });
    const changed = await json<CartView>(`${shop.url}/api/cart`, { method: 'PATCH', cookie, json: { slug: a.slug, quantity: 5 } });
    expect(changed.data.items.map((i) => [i.slug, i.quantity])).toEqual([[a.slug, 5], [b.slug, 1]]);
    expect(changed.data.subtotal).toBeCloseTo(a.price * 5 + b.price, 2);

    const removed = await json<CartView>(`${shop.url}/api/cart`, { method: 'DELETE', cookie, json: { slug: a.slug } });
    expect(removed.data.items.map((i) => i.slug)).toEqual([b.slug]);
    const current = await json<CartView>(`${shop.url}/api/cart`, { cookie });
    expect(current.data.count).toBe(1);

    const page = await http(`${shop.url}/cart`, { cookie });
    expect(page.text).toContain(`data-line="${b.slug}"`);
    expect(page.text).toContain('data-testid="quantity"');
    expect(testId(page.text, 'subtotal')).toBe(`$${b.price.toFixed(2)}`);
    expect(testId(page.text, 'cart-count')).toBe('1');
    expect(page.text).toContain('href="/checkout" data-testid="checkout"');
  });

  it('keeps carts apart per cookie', async () => {
    const [a, b] = inStock as [ApiProduct, ApiProduct];
    const first = await json<CartView>(`${shop.url}/api/cart`, { method: 'POST', json: { slug: a.slug } });
    const second = await json<CartView>(`${shop.url}/api/cart`, { method: 'POST', json: { slug: b.slug, quantity: 3 } });
    const cookieA = cartCookieFrom(first.headers);
    const cookieB = cartCookieFrom(second.headers);
    expect(cookieA).not.toBe(cookieB);
    expect((await json<CartView>(`${shop.url}/api/cart`, { cookie: cookieA })).data.items.map((i) => i.slug)).toEqual([a.slug]);
    expect((await json<CartView>(`${shop.url}/api/cart`, { cookie: cookieB })).data.count).toBe(3);
    expect((await json<CartView>(`${shop.url}/api/cart`)).data).toMatchObject({ id: null, count: 0, items: [] });
  });

  it('works without JavaScript through plain form posts', async () => {
    const [a] = inStock as [ApiProduct];
    const added = await http(`${shop.url}/cart/add`, { method: 'POST', form: { slug: a.slug, quantity: '2' } });
    expect(added.status).toBe(303);
    expect(added.headers['location']).toBe('/cart');
    const cookie = cartCookieFrom(added.headers);
    await http(`${shop.url}/cart/update`, { method: 'POST', cookie, form: { slug: a.slug, quantity: '4', action: 'update' } });
    expect((await json<CartView>(`${shop.url}/api/cart`, { cookie })).data.count).toBe(4);
    await http(`${shop.url}/cart/update`, { method: 'POST', cookie, form: { slug: a.slug, quantity: '4', action: 'remove' } });
    expect((await json<CartView>(`${shop.url}/api/cart`, { cookie })).data.count).toBe(0);
  });

  it('rejects unknown products, sold-out products and bad quantities', async () => {
    expect((await json(`${shop.url}/api/cart`, { method: 'POST', json: { slug: 'nope' } })).status).toBe(404);
    expect((await json(`${shop.url}/api/cart`, { method: 'POST', json: { slug: soldOut.slug } })).status).toBe(409);
    const bad = await json<{ error: string }>(`${shop.url}/api/cart`, { method: 'POST', json: { slug: inStock[0]!.slug, quantity: 'lots' } });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toContain('quantity');
    expect((await json(`${shop.url}/api/cart`, { method: 'POST', json: [1] })).status).toBe(400);
    const formMiss = await http(`${shop.url}/cart/add`, { method: 'POST', form: { slug: 'nope' } });
    expect(formMiss.status).toBe(404);
    expect(formMiss.text).toContain('<meta name="build-id"');
  });

  it('caps the number of carts kept in memory, evicting the least recently used', () => {
    const store = new CartStore(3);
    const ids = [1, 2, 3].map(() => store.getOrCreate(null).id);
    store.get(ids[0]);
    store.getOrCreate(null);
    expect(store.size).toBe(3);
    expect(store.get(ids[1])).toBeUndefined();
    expect(store.get(ids[0])).toBeDefined();
  });

  it('caps quantities and removes a line set to zero', () => {
    const lines = new Map<string, number>();
    applyCartChange(lines, { op: 'add', slug: 'x', quantity: 150 });
    expect(lines.get('x')).toBe(99);
    applyCartChange(lines, { op: 'set', slug: 'x', quantity: 0 });
    expect(lines.size).toBe(0);
  });
});
