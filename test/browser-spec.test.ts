import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StepRecord } from '../src/browser/protocol';
import { browserSchema } from '../src/checks/browser/definition';
import { closeBrowserWorker, runner } from '../src/checks/browser/runner';
import { startDemoShops, type RunningDemoShop } from '../src/demo-shop';
import type { Observation } from '../src/domain/check-result';

const chromium = process.env.VIGIL_CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
if (!hasChromium) console.warn(`Playwright spec flow tests skipped: no Chromium at ${chromium} (apt-get install chromium, or set VIGIL_CHROMIUM_PATH)`);

const checkoutSpec = resolve(import.meta.dirname, '../examples/flows/checkout.spec.ts');
const checkoutSteps = ['land on home page', 'open collection', 'open product', 'add to cart', 'change quantity', 'reach checkout'];

type Details = { steps: StepRecord[]; failedStep?: string; selector?: string; artifacts?: { screenshot?: string }; web?: { loadMs?: number } };
const detailsOf = (observation: Observation) => observation.details as Details;

describe.skipIf(!hasChromium)('ordinary @playwright/test spec files as flows, in real Chromium against the demo store', () => {
  let shops: { primary: RunningDemoShop; backup: RunningDemoShop; close(): Promise<void> };
  let dir: string;

  beforeAll(async () => {
    shops = await startDemoShops({ productCount: 300 });
    dir = mkdtempSync(join(tmpdir(), 'vigil-spec-'));
  });
  afterEach(() => {
    shops.primary.resetFaults();
    shops.backup.resetFaults();
  });
  afterAll(async () => {
    await closeBrowserWorker();
    await shops.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (script: string, shop: RunningDemoShop, extra: Record<string, unknown> = {}) =>
    runner.run(browserSchema.parse({ kind: 'browser', script, ...extra }), {
      deployment: { name: shop.deployment === 'primary' ? 'production' : 'staging', baseUrl: shop.url, role: shop.deployment },
      timeoutMs: 30_000,
      signal: new AbortController().signal,
      location: 'test',
      artifactsDir: join(dir, 'artifacts', shop.deployment),
    });

  it('runs the checkout spec file: each test.step is a timed step', async () => {
    const observation = await run(checkoutSpec, shops.primary, { assertions: [{ noConsoleErrors: true }] });
    expect(observation.error).toBeUndefined();
    expect(observation.ok).toBe(true);
    const { steps, web } = detailsOf(observation);
    expect(steps.map((step) => step.name)).toEqual(checkoutSteps);
    expect(steps.every((step) => step.ok && step.durationMs > 0)).toBe(true);
    expect(web?.loadMs).toBeGreaterThan(0);
  }, 60_000);

  it('fails at the add to cart step with a screenshot when add-to-cart is broken, while the other deployment passes', async () => {
    shops.backup.setFaults({ brokenAddToCart: true });
    const [healthy, broken] = await Promise.all([run(checkoutSpec, shops.primary), run(checkoutSpec, shops.backup)]);
    expect(healthy.error).toBeUndefined();
    const details = detailsOf(broken);
    expect(broken.ok).toBe(false);
    expect(details.failedStep).toBe('add to cart');
    expect(details.steps.map((step) => step.name)).toEqual(checkoutSteps.slice(0, 4));
    expect(broken.error).toMatch(/^step "add to cart" failed: expect\(locator\)\.toBeVisible\(\) failed: locator getByTestId\('cart-confirmation'\), expected visible/);
    expect(details.selector).toBe("getByTestId('cart-confirmation')");
    expect(statSync(details.artifacts!.screenshot!).size).toBeGreaterThan(0);
  }, 60_000);

  it('honours describe, hooks, test.extend fixtures, skip and @no-production; ignores test.use({ baseURL })', async () => {
    const file = join(dir, 'features.spec.ts');
    writeFileSync(
      file,
      `import { test as base, expect } from '@playwright/test';
type Fixtures = { product: { open(): Promise<void> } };
const test = base.extend<Fixtures>({
  product: async ({ page }, use) => {
    await use({ open: () => page.goto('/products/weekend-cotton-turtleneck').then(() => undefined) });
    await page.evaluate(() => (window as unknown as { torn: boolean }).torn = true);
  },
});
test.use({ baseURL: 'http://127.0.0.1:9' });
let hooks: string[] = [];
test.beforeAll(() => { hooks = ['beforeAll']; });
test.describe('catalogue', () => {
  test.beforeEach(async ({ page }) => { hooks.push('beforeEach'); await page.goto('/'); });
  test('product page', async ({ page, product, baseURL }) => {
    expect(baseURL).not.toContain(':9/');
    await test.step('open', () => product.open());
    await test.step('title', async () => {
      await test.step('nested, part of its parent', async () => { await expect(page.getByTestId('product-title')).toHaveText('Weekend Cotton Turtleneck'); });
    });
    expect(hooks).toEqual(['beforeAll', 'beforeEach']);
  });
  test('home without steps', async ({ page }) => {
    await expect(page.getByTestId('featured-collections')).toBeVisible();
  });
  test.skip('not yet', async () => { throw new Error('must not run'); });
  test('places an order', { tag: '@no-production' }, async () => {});
});
`,
    );
    const observation = await run(file, shops.primary);
    expect(observation.error).toBeUndefined();
    expect(detailsOf(observation).steps).toEqual([
      expect.objectContaining({ name: 'catalogue › product page › open', ok: true }),
      expect.objectContaining({ name: 'catalogue › product page › title', ok: true }),
      expect.objectContaining({ name: 'catalogue › home without steps', ok: true }),
      expect.objectContaining({ name: 'catalogue › not yet (skipped: test.skip)', skipped: true }),
      expect.objectContaining({ name: 'catalogue › places an order', skipped: true }),
    ]);
  }, 60_000);

  it('names the test when an assertion outside any step fails', async () => {
    const file = join(dir, 'outside.spec.ts');
    writeFileSync(
      file,
      `import { test, expect } from '@playwright/test';
test('home shows the sale', async ({ page }) => {
  await test.step('land', async () => { await page.goto('/'); });
  await expect(page.getByTestId('sale-banner')).toBeVisible({ timeout: 500 });
});
`,
    );
    const observation = await run(file, shops.primary);
    expect(observation.ok).toBe(false);
    expect(detailsOf(observation).steps.map((step) => [step.name, step.ok])).toEqual([
      ['land', true],
      ['home shows the sale', false],
    ]);
    expect(observation.error).toMatch(/^step "home shows the sale" failed: expect\(locator\)\.toBeVisible\(\) failed: locator getByTestId\('sale-banner'\).*element\(s\) not found, after 500ms/);
  }, 60_000);
});
