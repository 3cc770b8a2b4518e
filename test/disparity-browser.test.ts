import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowserWorker } from '../src/checks';
import { resolveConfig } from '../src/config/validate';
import { startDemoShops } from '../src/demo-shop';
import { executeCheck } from '../src/monitor/execute-check';

/** A browser check extracts from the final page, in real Chromium, so flows take part in the comparison. */
const chromium = process.env.VIGIL_CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
if (!hasChromium) console.warn(`browser extraction test skipped: no Chromium at ${chromium} (apt-get install chromium, or set VIGIL_CHROMIUM_PATH)`);

let shops: Awaited<ReturnType<typeof startDemoShops>>;
beforeAll(async () => {
  shops = await startDemoShops({ productCount: 100 });
});
afterAll(async () => {
  await closeBrowserWorker();
  await shops.close();
});

describe.runIf(hasChromium)('extraction in a browser check', () => {
  it('reads locator text and attributes from the final page of each deployment', async () => {
    shops.backup.setFaults({ priceDelta: 10, buildId: 'old' });
    const { config, problems } = resolveConfig(
      {
        site: { name: 'Browser extraction' },
        deployments: [
          { name: 'production', baseUrl: shops.primary.url, role: 'primary' },
          { name: 'backup', baseUrl: shops.backup.url, role: 'backup' },
        ],
        checks: [
          {
            name: 'product in browser',
            kind: 'browser',
            timeout: '30s',
            interval: '60s',
            steps: [{ goto: '/products/weekend-cotton-turtleneck' }, { expectVisible: '[data-testid=add-to-cart]' }],
            extract: [
              { name: 'price', selector: '[data-testid=price]', normalise: ['currency'] },
              { name: 'build', selector: 'meta[name=build-id]', attribute: 'content' },
              { name: 'stock', regex: 'data-testid="stock"[^>]*>([^<]+)<' },
              { name: 'missing', selector: '[data-testid=nothing-here]' },
            ],
          },
        ],
      },
      '/tmp/vigil.yaml',
    );
    expect(problems).toEqual([]);
    const check = config!.checks[0]!;
    const [production, backup] = await Promise.all(config!.deployments.map((deployment) => executeCheck({ check, deployment, location: 'local' })));
    expect(production!.ok).toBe(true);
    expect(production!.details?.extracted).toMatchObject({ price: '$235.00', build: 'build-2026.11.25-1', missing: null });
    expect(String((production!.details?.extracted as Record<string, string>).stock)).toMatch(/stock/i);
    expect(backup!.details?.extracted).toMatchObject({ price: '$245.00', build: 'old' });
  }, 60_000);
});
