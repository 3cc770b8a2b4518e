import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserWorker } from '../src/browser/browser-worker';
import { descendants } from '../src/browser/process-memory';
import type { FlowJob } from '../src/browser/protocol';
import { defaultBrowserSettings, type BrowserSettings } from '../src/browser/settings';
import { browserSchema } from '../src/checks/browser/definition';
import { browserWorker, closeBrowserWorker } from '../src/checks/browser/runner';
import { runChecksOnce } from '../src/cli/run-once';
import { loadConfig } from '../src/config/load';
import { ConfigError } from '../src/config/model';
import { startDemoShops } from '../src/demo-shop';

const chromium = process.env.VIGIL_CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
if (!hasChromium) console.warn(`browser settings tests in Chromium skipped: no Chromium at ${chromium} (apt-get install chromium, or set VIGIL_CHROMIUM_PATH)`);

const dir = mkdtempSync(join(tmpdir(), 'vigil-browser-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFile(browser: string, baseUrl = 'http://127.0.0.1:1', checks = ''): string {
  const file = join(dir, `vigil-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    `site: { name: Settings }
deployments:
  - { name: production, baseUrl: "${baseUrl}" }
${browser}
checks:
${checks || '  - { name: home, kind: http, path: / }'}
storage: { dataDir: ./data }
`,
  );
  return file;
}

async function problemsOf(file: string) {
  return loadConfig(file, {}).then(
    () => [],
    (error: unknown) => (error instanceof ConfigError ? error.problems : Promise.reject(error)),
  );
}

describe('the browser section of the config', () => {
  it('fills in the defaults when the section is absent', async () => {
    const config = await loadConfig(configFile(''), {});
    expect(config.browser).toEqual({ executablePath: '/usr/bin/chromium', concurrency: 2, recycleAfter: 200, args: [] });
  });

  it('takes every field, resolving a relative executable against the config file', async () => {
    writeFileSync(join(dir, 'my-chrome'), '#!/bin/sh\n');
    const config = await loadConfig(
      configFile('browser: { executablePath: ./my-chrome, concurrency: 4, recycleAfter: 50, recycleAboveMb: 900, args: ["--lang=de-DE"] }'),
      {},
    );
    expect(config.browser).toEqual({ executablePath: join(dir, 'my-chrome'), concurrency: 4, recycleAfter: 50, recycleAboveMb: 900, args: ['--lang=de-DE'] });
  });

  it('names the field of a missing executable and of each bad value', async () => {
    const problems = await problemsOf(configFile('browser: { executablePath: /opt/no-such-chrome, concurrency: 0, recycleAfter: 1.5, args: ["lang=de"], headless: false }'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'browser', message: expect.stringContaining('unknown field "headless"') }),
        expect.objectContaining({ path: 'browser.concurrency' }),
        expect.objectContaining({ path: 'browser.recycleAfter' }),
        expect.objectContaining({ path: 'browser.args[0]', message: expect.stringContaining('command-line flag') }),
      ]),
    );
    const missing = await problemsOf(configFile('browser: { executablePath: /opt/no-such-chrome }'));
    expect(missing).toEqual([expect.objectContaining({ path: 'browser.executablePath', message: expect.stringContaining('no Chromium at /opt/no-such-chrome') })]);
  });
});

describe.skipIf(!hasChromium)('browser settings reach the pool in the worker process', () => {
  let shops: Awaited<ReturnType<typeof startDemoShops>>;
  const workers: BrowserWorker[] = [];
  beforeAll(async () => {
    shops = await startDemoShops({ productCount: 50 });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await closeBrowserWorker();
    await shops.close();
  });

  const start = (options: { settings?: BrowserSettings; env?: NodeJS.ProcessEnv }) => {
    const worker = new BrowserWorker(options);
    workers.push(worker);
    return worker;
  };
  const job = (): Omit<FlowJob, 'id'> => ({
    spec: browserSchema.parse({ kind: 'browser', path: '/' }),
    baseUrl: shops.primary.url,
    deployment: 'production',
    isProduction: true,
    timeoutMs: 20_000,
    deadline: Date.now() + 20_000,
    trace: false,
  });

  it('runs with the configured concurrency, recycle count and extra flags', async () => {
    const worker = start({ settings: { executablePath: chromium, concurrency: 1, recycleAfter: 2, args: ['--lang=de-DE'] } });
    const observations = await Promise.all(Array.from({ length: 5 }, () => worker.run(job())));
    expect(observations.map((observation) => observation.error)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const status = await worker.status();
    expect(status.options).toEqual({ executablePath: chromium, concurrency: 1, recycleAfter: 2, args: ['--lang=de-DE'] });
    expect(status.peakActive).toBe(1);
    // Five runs, a fresh browser every two.
    expect(status.launches).toBe(3);
    const commandLines = descendants(worker.pid!).map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    });
    expect(commandLines.some((line) => line.includes('--lang=de-DE'))).toBe(true);
  }, 60_000);

  it('lets the documented environment variables override the config', async () => {
    const worker = start({
      settings: { ...defaultBrowserSettings, executablePath: chromium, concurrency: 1 },
      env: { VIGIL_BROWSER_CONCURRENCY: '3', VIGIL_BROWSER_RECYCLE_AFTER: '7', VIGIL_BROWSER_RECYCLE_ABOVE_MB: '4096' },
    });
    const status = await worker.status();
    expect(status.options).toMatchObject({ concurrency: 3, recycleAfter: 7, recycleAboveMb: 4096 });
  }, 30_000);

  it('restarts Chromium when its processes pass recycleAboveMb', async () => {
    const worker = start({ settings: { executablePath: chromium, concurrency: 1, recycleAfter: 1000, recycleAboveMb: 64, args: [] } });
    for (let i = 0; i < 2; i++) expect((await worker.run(job())).error).toBeUndefined();
    const status = await worker.status();
    expect(status.lastPssMb).toBeGreaterThan(64);
    expect(status.memoryRecycles).toBeGreaterThanOrEqual(1);
    expect(status.launches).toBe(2);
  }, 60_000);

  it('fails the run with the path and the setting to change when the executable is missing', async () => {
    const worker = start({ settings: { ...defaultBrowserSettings, executablePath: '/opt/no-such-chrome' } });
    const observation = await worker.run(job());
    expect(observation.ok).toBe(false);
    expect(observation.error).toMatch(/could not start Chromium at \/opt\/no-such-chrome \(set browser\.executablePath/);
  }, 30_000);

  it('applies the loaded config to the worker that runs the checks', async () => {
    const config = await loadConfig(
      configFile(`browser: { executablePath: ${chromium}, concurrency: 1, recycleAfter: 3 }`, shops.primary.url, '  - { name: home in browser, kind: browser, path: / }'),
      {},
    );
    const runs = await runChecksOnce(config, config.checks, config.deployments);
    expect(runs.map((run) => run.result.error)).toEqual([undefined]);
    expect((await browserWorker().status()).options).toEqual({ executablePath: chromium, concurrency: 1, recycleAfter: 3, args: [] });
  }, 60_000);
});
