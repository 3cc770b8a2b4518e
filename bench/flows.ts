/**
 * bench/flows: the demo checkout flow (6 steps) in real Chromium.
 *   1. warm pool (the browser worker, one long-lived Chromium, a context per run) vs a fresh browser launched per run
 *   2. flows per minute sustained with 2 and 4 concurrent contexts
 *   3. Chromium RSS (the worker's process tree, from /proc) at the start and after --leak-runs page runs, recycling off
 *
 *   npm run bench -- flows [--runs 20] [--cold-runs 8] [--window 45] [--leak-runs 500]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { BrowserWorker } from '../src/browser/browser-worker';
import { runFlow } from '../src/browser/flow-run';
import { chromiumArgs } from '../src/browser/pool';
import { defaultBrowserSettings, withEnvOverrides } from '../src/browser/settings';
import type { FlowJob } from '../src/browser/protocol';
import { browserSchema } from '../src/checks/browser/definition';
import { startDemoShops } from '../src/demo-shop';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const runs = arg('runs', 20);
const coldRuns = arg('cold-runs', 8);
const windowS = arg('window', 45);
const leakRuns = arg('leak-runs', 500);

const shops = await startDemoShops({ productCount: 5000 });
const artifactsDir = mkdtempSync(join(tmpdir(), 'vigil-bench-flows-'));
const checkout = browserSchema.parse({ kind: 'browser', script: resolve(import.meta.dirname, '../examples/flows/checkout.ts') });
const page = browserSchema.parse({ kind: 'browser', path: '/products/weekend-cotton-turtleneck', assertions: [{ visible: '[data-testid=add-to-cart]' }] });
const job = (spec: typeof checkout): Omit<FlowJob, 'id'> => ({
  spec,
  baseUrl: shops.primary.url,
  deployment: 'production',
  isProduction: true,
  timeoutMs: 60_000,
  deadline: Date.now() + 60_000,
  artifactsDir,
  // As in production with the default evidence: passing runs record no trace (only re-checks after a failure do).
  trace: false,
});

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const fmt = (values: number[]) => `median ${Math.round(quantile(values, 0.5))} ms, p95 ${Math.round(quantile(values, 0.95))} ms (n=${values.length})`;
let failures = 0;

async function timedRun(worker: BrowserWorker, spec: typeof checkout): Promise<number> {
  const started = performance.now();
  const observation = await worker.run(job(spec));
  if (!observation.ok) {
    failures += 1;
    console.error(`run failed: ${observation.error}`);
  }
  return performance.now() - started;
}

/** RSS of every process below `root` (Chromium's browser, renderers, GPU/utility processes), in MB. */
function treeRssMb(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let kb = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    stack.push(...(children.get(pid) ?? []));
    try {
      kb += Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    } catch {
      // a renderer of a context that just closed
    }
  }
  return kb / 1024;
}

// 1. Warm pool through the worker process, exactly as the scheduler uses it.
const warm = new BrowserWorker({ env: { VIGIL_BROWSER_CONCURRENCY: '1' } });
await timedRun(warm, checkout); // launches Chromium; not counted
const warmTimes: number[] = [];
for (let i = 0; i < runs; i++) warmTimes.push(await timedRun(warm, checkout));
await warm.close();
console.log(`warm pool: ${fmt(warmTimes)}`);

// 2. Cold: what a Playwright-in-CI job pays per run: launch, one context, the flow, close.
const executablePath = withEnvOverrides(defaultBrowserSettings, process.env).executablePath;
const coldTimes: number[] = [];
for (let i = 0; i < coldRuns; i++) {
  const started = performance.now();
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const context = await browser.newContext({ viewport: checkout.viewport, baseURL: shops.primary.url, serviceWorkers: 'block' });
  const observation = await runFlow(context, { ...job(checkout), id: i, deadline: Date.now() + 60_000 }, new AbortController().signal);
  await browser.close();
  if (!observation.ok) {
    failures += 1;
    console.error(`cold run failed: ${observation.error}`);
  }
  coldTimes.push(performance.now() - started);
}
console.log(`cold launch per run: ${fmt(coldTimes)}`);

// 3. Sustained throughput: keep N flows in flight for the window, count completions.
const throughput: Record<number, number> = {};
for (const contexts of [2, 4]) {
  const worker = new BrowserWorker({ env: { VIGIL_BROWSER_CONCURRENCY: String(contexts) } });
  await timedRun(worker, checkout);
  const endAt = performance.now() + windowS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: contexts }, async () => {
      while (performance.now() < endAt) {
        await timedRun(worker, checkout);
        done += 1;
      }
    }),
  );
  throughput[contexts] = (done / windowS) * 60;
  await worker.close();
  console.log(`${contexts} contexts: ${done} flows in ${windowS}s`);
}

// 4. Leak check: many short page runs on one browser with recycling off, so any growth shows.
const leak = new BrowserWorker({ env: { VIGIL_BROWSER_CONCURRENCY: '3', VIGIL_BROWSER_RECYCLE_AFTER: '1000000' } });
for (let i = 0; i < 10; i++) await timedRun(leak, page);
const rssStart = treeRssMb(leak.pid!);
console.log(`leak check: start, Chromium RSS ${rssStart.toFixed(0)} MB`);
let completed = 0;
await Promise.all(
  Array.from({ length: 3 }, async () => {
    while (completed < leakRuns) {
      completed += 1;
      await timedRun(leak, page);
      if (completed % 100 === 0) console.log(`leak check: ${completed} runs, Chromium RSS ${treeRssMb(leak.pid!).toFixed(0)} MB`);
    }
  }),
);
const rssEnd = treeRssMb(leak.pid!);
await leak.close();
await shops.close();
rmSync(artifactsDir, { recursive: true, force: true });

const speedup = quantile(coldTimes, 0.5) / quantile(warmTimes, 0.5);
console.log(
  [
    `flows (checkout, 6 steps, trace recorded; ${failures} failed runs):`,
    `  warm pool       ${fmt(warmTimes)}`,
    `  cold per run    ${fmt(coldTimes)}  → warm is ${speedup.toFixed(1)}x faster`,
    `  throughput      ${throughput[2]!.toFixed(1)} flows/min with 2 contexts, ${throughput[4]!.toFixed(1)} with 4`,
    `  Chromium RSS    ${rssStart.toFixed(0)} MB at start, ${rssEnd.toFixed(0)} MB after ${leakRuns} page runs (${(((rssEnd - rssStart) / rssStart) * 100).toFixed(0)}%, recycling off)`,
  ].join('\n'),
);
