import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneEvidence } from '../src/browser/evidence';
import { closeBrowserWorker } from '../src/checks/browser/runner';
import { loadConfig } from '../src/config/load';
import { ConfigError } from '../src/config/model';
import { startDemoShops } from '../src/demo-shop';
import { executeCheck } from '../src/monitor/execute-check';

const chromium = process.env.VIGIL_CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
if (!hasChromium) console.warn(`browser config tests skipped: no Chromium at ${chromium} (apt-get install chromium, or set VIGIL_CHROMIUM_PATH)`);

const dir = mkdtempSync(join(tmpdir(), 'vigil-browser-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flowsDir = resolve(import.meta.dirname, '../examples/flows');

function configFile(baseUrl: string, checks: string): string {
  mkdirSync(join(dir, 'site', 'flows'), { recursive: true });
  writeFileSync(join(dir, 'site', 'flows', 'checkout.ts'), `export { flow, cleanup } from ${JSON.stringify(join(flowsDir, 'checkout.ts'))};\n`);
  const file = join(dir, 'site', 'vigil.yaml');
  writeFileSync(
    file,
    `site: { name: Demo }
deployments:
  - { name: production, baseUrl: "${baseUrl}", role: primary }
pageTypes:
  product: { paths: [/products/weekend-cotton-turtleneck, /products/lightweight-insulated-water-bottle] }
checks:
${checks}
storage: { dataDir: ./data }
`,
  );
  return file;
}

describe('browser checks in the config', () => {
  it('resolves flow scripts against the config file and expands page types like http checks', async () => {
    const config = await loadConfig(
      configFile(
        'http://127.0.0.1:1',
        `  - { name: checkout, kind: browser, script: ./flows/checkout.ts, cleanup: { requests: [{ method: DELETE, path: /api/cart, body: '{"slug":"a"}' }] } }
  - { name: product in browser, kind: browser, pageType: product, assertions: [{ visible: "[data-testid=add-to-cart]" }] }`,
      ),
      {},
    );
    const checkout = config.checks.find((check) => check.id === 'checkout');
    expect(checkout?.spec).toMatchObject({ kind: 'browser', script: join(dir, 'site', 'flows', 'checkout.ts') });
    expect(config.checks.filter((check) => check.name === 'product in browser').map((check) => check.id)).toEqual([
      'product in browser [/products/weekend-cotton-turtleneck]',
      'product in browser [/products/lightweight-insulated-water-bottle]',
    ]);
  });

  it('names the missing flow script and the step with two actions', async () => {
    const file = configFile(
      'http://127.0.0.1:1',
      `  - { name: a, kind: browser, script: ./flows/nope.ts }
  - { name: b, kind: browser, steps: [{ goto: /, click: "#x" }] }`,
    );
    const problems = await loadConfig(file, {}).then(
      () => [],
      (error: unknown) => (error instanceof ConfigError ? error.problems : Promise.reject(error)),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'checks[0].script', message: expect.stringContaining('no such file') }),
        expect.objectContaining({ path: 'checks[1].steps[0]', message: expect.stringContaining('exactly one action') }),
      ]),
    );
  });
});

describe.skipIf(!hasChromium)('browser checks run by the monitor', () => {
  let shops: Awaited<ReturnType<typeof startDemoShops>>;
  beforeAll(async () => {
    shops = await startDemoShops({ productCount: 300 });
  });
  afterAll(async () => {
    await closeBrowserWorker();
    await shops.close();
  });

  it('keeps the evidence of a failed run under <dataDir>/artifacts/<check>/ and prunes it with old results', async () => {
    shops.primary.setFaults({ brokenAddToCart: true });
    const config = await loadConfig(configFile(shops.primary.url, `  - { name: checkout journey, kind: browser, script: ./flows/checkout.ts, timeout: 25s }`), {});
    const artifactsDir = join(config.storage.dataDir, 'artifacts');
    const result = await executeCheck({ check: config.checks[0]!, deployment: config.deployments[0]!, location: 'test', artifactsDir });
    expect(result.ok).toBe(false);
    expect(result.details).toMatchObject({ failedStep: 'add to cart' });
    // The confirming re-check after a failure records a trace as well.
    const recheck = await executeCheck({ check: config.checks[0]!, deployment: config.deployments[0]!, location: 'test', artifactsDir });
    expect(recheck.ok).toBe(false);
    const runs = readdirSync(join(artifactsDir, 'checkout-journey')).sort();
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatch(/-production$/);
    expect(readdirSync(join(artifactsDir, 'checkout-journey', runs[0]!)).sort()).toEqual(['screenshot.png']);
    expect(readdirSync(join(artifactsDir, 'checkout-journey', runs[1]!)).sort()).toEqual(['screenshot.png', 'trace.zip']);

    expect(await pruneEvidence(artifactsDir, 14 * 86_400_000, Date.now())).toBe(0);
    expect(await pruneEvidence(artifactsDir, 14 * 86_400_000, Date.now() + 15 * 86_400_000)).toBe(2);
    expect(existsSync(join(artifactsDir, 'checkout-journey'))).toBe(false);
  }, 60_000);
});
