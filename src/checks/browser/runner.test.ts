import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startDemoShops, type RunningDemoShop } from '../../demo-shop';
import type { Observation } from '../../domain/check-result';
import type { StepRecord } from '../../browser/protocol';
import type { RunContext } from '../types';
import { browserSchema } from './definition';
import { browserWorker, closeBrowserWorker, runner } from './runner';

const chromium = process.env.VIGIL_CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
if (!hasChromium) console.warn(`browser runner tests skipped: no Chromium at ${chromium} (apt-get install chromium, or set VIGIL_CHROMIUM_PATH)`);

const checkoutScript = resolve(import.meta.dirname, '../../../examples/flows/checkout.ts');
const checkoutSteps = ['land on home page', 'open collection', 'open product', 'add to cart', 'change quantity', 'reach checkout'];

type Details = {
  steps: StepRecord[];
  failedStep?: string;
  selector?: string;
  consoleErrors: string[];
  artifacts?: { screenshot?: string; trace?: string };
  cleanup?: { ok: boolean; error?: string };
  web?: { ttfbMs?: number; loadMs?: number; weightBytes: number };
};
const detailsOf = (observation: Observation) => observation.details as Details;

describe.skipIf(!hasChromium)('browser runner against the demo store in real Chromium', () => {
  let shops: { primary: RunningDemoShop; backup: RunningDemoShop; close(): Promise<void> };
  let artifacts: string;

  beforeAll(async () => {
    shops = await startDemoShops({ productCount: 300 });
    artifacts = mkdtempSync(join(tmpdir(), 'vigil-browser-'));
  });
  afterEach(() => {
    shops.primary.resetFaults();
    shops.backup.resetFaults();
  });
  afterAll(async () => {
    await closeBrowserWorker();
    await shops.close();
    rmSync(artifacts, { recursive: true, force: true });
  });

  const spec = (input: Omit<z.input<typeof browserSchema>, 'kind'>) => browserSchema.parse({ kind: 'browser', ...input });
  const run = (input: Omit<z.input<typeof browserSchema>, 'kind'>, shop: RunningDemoShop, extra: Partial<RunContext> = {}) =>
    runner.run(spec(input), {
      deployment: { name: shop.deployment === 'primary' ? 'production' : 'backup', baseUrl: shop.url, role: shop.deployment },
      timeoutMs: 25_000,
      signal: new AbortController().signal,
      location: 'test',
      artifactsDir: join(artifacts, shop.deployment),
      ...extra,
    });

  it('runs the checkout journey as six timed steps and skips the step marked production: false', async () => {
    const observation = await run({ script: checkoutScript, assertions: [{ noConsoleErrors: true }, { noFailedRequests: true }] }, shops.primary);
    const details = detailsOf(observation);
    expect(observation.error).toBeUndefined();
    expect(observation.ok).toBe(true);
    expect(details.steps.filter((step) => !step.skipped).map((step) => step.name)).toEqual(checkoutSteps);
    expect(details.steps.at(-1)).toMatchObject({ name: 'place order', skipped: true });
    expect(details.web?.loadMs).toBeGreaterThan(0);
    expect(details.web?.weightBytes).toBeGreaterThan(0);
    expect(details.artifacts).toBeUndefined();
    expect(details.cleanup).toEqual({ ok: true });
  }, 60_000);

  it('fails at the add-to-cart step with a screenshot and a trace when add-to-cart is broken, while the other deployment passes', async () => {
    shops.backup.setFaults({ brokenAddToCart: true });
    const [healthy, broken] = await Promise.all([run({ script: checkoutScript }, shops.primary), run({ script: checkoutScript }, shops.backup)]);
    expect(healthy.ok).toBe(true);
    expect(broken.ok).toBe(false);
    const details = detailsOf(broken);
    expect(details.failedStep).toBe('add to cart');
    expect(details.steps.map((step) => step.name)).toEqual(checkoutSteps.slice(0, 4));
    expect(broken.error).toMatch(/^step "add to cart" failed: .*cart-confirmation/);
    expect(details.consoleErrors.join('\n')).toMatch(/TypeError/);
    // The first failure keeps a screenshot; the re-check that follows a failure also records a trace.
    expect(details.artifacts?.screenshot).toBeDefined();
    expect(details.artifacts?.trace).toBeUndefined();
    const recheck = detailsOf(await run({ script: checkoutScript }, shops.backup));
    expect(recheck.failedStep).toBe('add to cart');
    for (const file of [recheck.artifacts?.screenshot, recheck.artifacts?.trace]) {
      expect(file).toBeDefined();
      expect(file!.startsWith(join(artifacts, 'backup'))).toBe(true);
      expect(statSync(file!).size).toBeGreaterThan(0);
    }
  }, 60_000);

  it('fails at the first step when the store answers 500', async () => {
    shops.primary.setFaults({ errorStatus: 500 });
    const observation = await run(
      { steps: [{ name: 'land', goto: '/' }, { name: 'open product', goto: '/products/weekend-cotton-turtleneck' }] },
      shops.primary,
    );
    expect(observation.ok).toBe(false);
    expect(detailsOf(observation).failedStep).toBe('land');
    expect(detailsOf(observation).steps).toHaveLength(1);
    expect(observation.error).toMatch(/step "land" failed: .*500/);
  }, 60_000);

  it('shows a slow page type in the timing of the step that loads it', async () => {
    shops.primary.setFaults({ slow: { product: 3_000 } });
    const observation = await run({ script: checkoutScript }, shops.primary);
    expect(observation.ok).toBe(true);
    const steps = detailsOf(observation).steps.filter((step) => !step.skipped);
    const slowest = steps.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
    expect(slowest.name).toBe('open product');
  }, 60_000);

  it('reports an uncaught page error through noConsoleErrors even when every step passes', async () => {
    shops.primary.setFaults({ brokenAddToCart: true });
    const observation = await run(
      {
        path: '/products/weekend-cotton-turtleneck',
        steps: [{ name: 'click add to cart', click: '[data-testid=add-to-cart]' }, { waitFor: 300 }],
        assertions: [{ noConsoleErrors: true }],
      },
      shops.primary,
    );
    expect(detailsOf(observation).steps.every((step) => step.ok)).toBe(true);
    expect(observation.ok).toBe(false);
    expect(observation.assertions).toEqual([expect.objectContaining({ assertion: 'no console errors', ok: false })]);
    expect(observation.error).toMatch(/console error .*TypeError/);
  }, 60_000);

  it('starts every run with an empty cart: contexts share no cookies', async () => {
    const flow = {
      steps: [
        { name: 'cart starts empty', goto: '/products/weekend-cotton-turtleneck' },
        { expectText: { selector: '[data-testid=cart-count]', equals: '0' } },
        { click: '[data-testid=add-to-cart]' },
        { expectText: { selector: '[data-testid=cart-count]', equals: '1' } },
      ],
    };
    for (let round = 0; round < 2; round++) {
      const observation = await run(flow, shops.primary);
      expect(observation.error).toBeUndefined();
      expect(observation.ok).toBe(true);
    }
  }, 60_000);

  it('runs production: false steps only on test deployments', async () => {
    const flow = { steps: [{ goto: '/account/login' }, { name: 'submit', click: '[data-testid=login-submit]', production: false }], testDeployments: ['backup'] };
    const [live, staging] = await Promise.all([run(flow, shops.primary), run(flow, shops.backup)]);
    expect(detailsOf(live).steps.at(-1)).toMatchObject({ name: 'submit', skipped: true });
    expect(detailsOf(staging).steps.at(-1)).toMatchObject({ name: 'submit', ok: true });
    expect(detailsOf(staging).steps.at(-1)?.skipped).toBeUndefined();
  }, 60_000);

  it('fails the run in progress with a clear reason when the worker dies, and the next run passes', async () => {
    await run({ path: '/' }, shops.primary); // the worker is up
    const worker = browserWorker();
    const startsBefore = worker.starts;
    shops.primary.setFaults({ slow: { home: 20_000 } });
    const inFlight = run({ path: '/' }, shops.primary);
    await new Promise((wait) => setTimeout(wait, 500));
    process.kill(worker.pid!, 'SIGKILL');
    const crashed = await inFlight;
    expect(crashed.ok).toBe(false);
    expect(crashed.error).toMatch(/browser worker killed by SIGKILL during the run/);
    shops.primary.resetFaults();
    const next = await run({ path: '/', assertions: [{ visible: '[data-testid=hero]' }] }, shops.primary);
    expect(next.error).toBeUndefined();
    expect(next.ok).toBe(true);
    expect(worker.starts).toBe(startsBefore + 1);
  }, 60_000);

  it('answers with the stuck step and its evidence when the run is cancelled', async () => {
    shops.primary.setFaults({ slow: { product: 20_000 } });
    const controller = new AbortController();
    const pending = run({ steps: [{ goto: '/' }, { name: 'open product', goto: '/products/weekend-cotton-turtleneck' }] }, shops.primary, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('timed out after 3000ms')), 3_000);
    const observation = await pending;
    expect(observation.ok).toBe(false);
    expect(detailsOf(observation).failedStep).toBe('open product');
    expect(observation.error).toMatch(/step "open product" failed: timed out after 3000ms/);
    expect(statSync(detailsOf(observation).artifacts!.screenshot!).size).toBeGreaterThan(0);
  }, 60_000);
});
