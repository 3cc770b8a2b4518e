import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type RunningDemoShop } from './index';
import { http, json } from './testing';

/** Just enough DOM to run app.js against the served product markup and "click" add-to-cart. */
class FakeElement {
  textContent = '';
  hidden = true;
  disabled = false;
  className = '';
  readonly dataset: Record<string, string> = {};
  readonly listeners = new Map<string, ((event: unknown) => void)[]>();

  constructor(
    readonly attributes: Record<string, string> = {},
    readonly children: Record<string, FakeElement> = {},
  ) {
    for (const [name, value] of Object.entries(attributes)) {
      if (name.startsWith('data-')) this.dataset[name.slice(5).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = value;
    }
  }
  getAttribute(name: string): string | null {
    return this.attributes[name] ?? null;
  }
  querySelector(selector: string): FakeElement | null {
    return this.children[selector] ?? null;
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  /** Dispatches like a browser: a throwing listener is reported, not propagated. */
  dispatch(type: string): { defaultPrevented: boolean; errors: unknown[] } {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    const errors: unknown[] = [];
    for (const listener of this.listeners.get(type) ?? []) {
      try {
        listener(event);
      } catch (err) {
        errors.push(err);
      }
    }
    return { defaultPrevented: event.defaultPrevented, errors };
  }
}

function attributesOf(html: string, testId: string): Record<string, string> {
  const tag = new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? '';
  return Object.fromEntries([...tag.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** Loads the page's script into a fake DOM built from the page's markup, then submits the add-to-cart form. */
async function clickAddToCart(shopUrl: string, productPath: string) {
  const html = (await http(`${shopUrl}${productPath}`)).text;
  const scriptPath = /<script src="([^"]+)"/.exec(html)![1]!;
  const script = (await http(`${shopUrl}${scriptPath}`)).text;
  const form = new FakeElement(attributesOf(html, 'add-to-cart-form'), { '[name="quantity"]': Object.assign(new FakeElement(), { value: '1' }) });
  const elements: Record<string, FakeElement> = {
    '[data-testid="add-to-cart-form"]': form,
    '[data-testid="add-to-cart"]': new FakeElement(attributesOf(html, 'add-to-cart')),
    '[data-testid="cart-count"]': new FakeElement(),
    '[data-testid="cart-confirmation"]': new FakeElement(),
  };
  const fetchCalls: { url: string; init: { method: string; body: string } }[] = [];
  const fetch = (url: string, init: { method: string; body: string }) => {
    fetchCalls.push({ url, init });
    return Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve({ count: 1, items: [] }) });
  };
  const document = { querySelector: (s: string) => elements[s] ?? null, querySelectorAll: () => [] };
  runInNewContext(script, { document, fetch, location: { reload() {} } });
  const outcome = form.dispatch('submit');
  await new Promise((resolve) => setImmediate(resolve));
  return { outcome, fetchCalls, elements };
}

describe('add-to-cart script', () => {
  let shop: RunningDemoShop;
  let productPath: string;

  beforeAll(async () => {
    shop = await startDemoShop({ deployment: 'primary', productCount: 50 });
    const { data } = await json<{ items: { slug: string; stock: number }[] }>(`${shop.url}/api/products?limit=50`);
    productPath = `/products/${data.items.find((p) => p.stock > 0)!.slug}`;
  });
  afterAll(async () => {
    await shop.close();
  });

  it('posts to the cart API on submit, then updates the badge and shows a confirmation', async () => {
    const { outcome, fetchCalls, elements } = await clickAddToCart(shop.url, productPath);
    expect(outcome).toEqual({ defaultPrevented: true, errors: [] });
    expect(fetchCalls).toHaveLength(1);
    expect(fetchCalls[0]!.url).toBe('/api/cart');
    expect(fetchCalls[0]!.init.method).toBe('POST');
    expect(JSON.parse(fetchCalls[0]!.init.body)).toEqual({ slug: productPath.slice('/products/'.length), quantity: 1 });
    expect(elements['[data-testid="cart-count"]']!.textContent).toBe('1');
    expect(elements['[data-testid="cart-confirmation"]']!.hidden).toBe(false);
  });

  it('with brokenAddToCart, a click throws, cancels the native submit and never reaches the cart', async () => {
    shop.setFaults({ brokenAddToCart: true });
    const { outcome, fetchCalls, elements } = await clickAddToCart(shop.url, productPath);
    expect(outcome.defaultPrevented).toBe(true);
    expect(outcome.errors).toHaveLength(1);
    expect(String(outcome.errors[0])).toMatch(/TypeError/);
    expect(fetchCalls).toHaveLength(0);
    expect(elements['[data-testid="cart-confirmation"]']!.hidden).toBe(true);
    shop.resetFaults();
  });
});
