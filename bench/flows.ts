/**
 * bench/flows: the demo checkout flow (6 steps) in real Chromium.
 *   1. warm pool (the browser worker, one long-lived Chromium, a context per run) vs a fresh browser launched per run,
 *      as whole flows and as the per-run browser overhead alone (warm: context + page ready; cold: launch + context + page)
 *   2. the same journey as an ordinary @playwright/test spec file (examples/flows/checkout.spec.ts) on the warm pool
 *   3. flows per minute sustained with 2 and 4 concurrent contexts
 *   4. Chromium memory (PSS of the worker's Chromium process tree, from /proc/<pid>/smaps_rollup) at the start and
 *      after --leak-runs page runs with the default settings (2 contexts, recycling after 200 runs)
 *
 *   npm run bench -- flows [--runs 20] [--cold-runs 8] [--overhead-runs 20] [--window 45] [--leak-runs 500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { BrowserWorker } from '../src/browser/browser-worker';
import { runFlow } from '../src/browser/flow-run';
import { processTreeMemoryMb } from '../src/browser/process-memory';
import { chromiumArgs } from '../src/browser/pool';
import type { FlowJob } from '../src/browser/protocol';
import { defaultBrowserSettings, withEnvOverrides, type BrowserSettings } from '../src/browser/settings';
import { browserSchema } from '../src/checks/browser/definition';
import { startDemoShops } from '../src/demo-shop';
import { numberArg } from './support/args';

const runs = numberArg('runs', 20);
const coldRuns = numberArg('cold-runs', 8);
const overheadRuns = numberArg('overhead-runs', 20);
const windowS = numberArg('window', 45);
const leakRuns = numberArg('leak-runs', 500);

const shops = await startDemoShops({ productCount: 5000 });
const artifactsDir = mkdtempSync(join(tmpdir(), 'vigil-bench-flows-'));
const settings: BrowserSettings = withEnvOverrides(defaultBrowserSettings, process.env);
const flowSpec = (file: string) => browserSchema.parse({ kind: 'browser', script: resolve(import.meta.dirname, '../examples/flows', file) });
const checkout = flowSpec('checkout.ts');
const checkoutSpecFile = flowSpec('checkout.spec.ts');
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
const median = (values: number[]) => quantile(values, 0.5);
const fmt = (values: number[]) => `median ${Math.round(median(values))} ms, p95 ${Math.round(quantile(values, 0.95))} ms (n=${values.length})`;
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

// 1. Warm pool through the worker process, exactly as the scheduler uses it; then the spec-file form of the same journey.
const warm = new BrowserWorker({ settings: { ...settings, concurrency: 1 } });
await timedRun(warm, checkout); // launches Chromium; not counted
const warmTimes: number[] = [];
for (let i = 0; i < runs; i++) warmTimes.push(await timedRun(warm, checkout));
console.log(`warm pool: ${fmt(warmTimes)}`);
await timedRun(warm, checkoutSpecFile); // loads the spec file once; not counted
const specTimes: number[] = [];
for (let i = 0; i < runs; i++) specTimes.push(await timedRun(warm, checkoutSpecFile));
await warm.close();
console.log(`warm pool, spec file: ${fmt(specTimes)}`);

// 2. Cold: what a Playwright-in-CI job pays per run: launch, one context, the flow, close.
const launch = () => chromium.launch({ executablePath: settings.executablePath, args: [...chromiumArgs, ...settings.args] });
const contextOptions = { viewport: checkout.viewport, baseURL: shops.primary.url, serviceWorkers: 'block' as const };
const coldTimes: number[] = [];
for (let i = 0; i < coldRuns; i++) {
  const started = performance.now();
  const browser = await launch();
  const context = await browser.newContext(contextOptions);
  const observation = await runFlow(context, { ...job(checkout), id: i, deadline: Date.now() + 60_000 }, new AbortController().signal);
  await browser.close();
  if (!observation.ok) {
    failures += 1;
    console.error(`cold run failed: ${observation.error}`);
  }
  coldTimes.push(performance.now() - started);
}
console.log(`cold launch per run: ${fmt(coldTimes)}`);

// The per-run browser overhead alone, the part a warm pool can save: a page ready to navigate.
const warmOverhead: number[] = [];
const coldOverhead: number[] = [];
{
  const browser = await launch();
  for (let i = 0; i < overheadRuns; i++) {
    const started = performance.now();
    const context = await browser.newContext(contextOptions);
    await context.newPage();
    warmOverhead.push(performance.now() - started);
    await context.close();
  }
  await browser.close();
  for (let i = 0; i < Math.max(3, Math.round(overheadRuns / 3)); i++) {
    const started = performance.now();
    const cold = await launch();
    const context = await cold.newContext(contextOptions);
    await context.newPage();
    coldOverhead.push(performance.now() - started);
    await cold.close();
  }
}
console.log(`browser overhead per run: warm ${fmt(warmOverhead)}, cold ${fmt(coldOverhead)}`);

// 3. Sustained throughput: keep N flows in flight for the window, count completions.
const throughput: Record<number, number> = {};
for (const contexts of [2, 4]) {
  const worker = new BrowserWorker({ settings: { ...settings, concurrency: contexts } });
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

// 4. Memory over many runs with the default settings (recycling on). PSS, not summed RSS: Chromium's processes share
// libraries and memory, which summed RSS counts once per process.
const leak = new BrowserWorker({ settings });
for (let i = 0; i < 10; i++) await timedRun(leak, page);
const memory = () => processTreeMemoryMb(leak.pid!) ?? { pssMb: Number.NaN, rssMb: Number.NaN, processes: 0 };
// Sampled between batches, with no run in flight and the last contexts' renderers gone, so every sample sees the same kind of moment.
const idleMemory = async () => {
  await new Promise((done) => setTimeout(done, 1_000));
  return memory();
};
const atStart = await idleMemory();
console.log(`memory: start, Chromium PSS ${atStart.pssMb.toFixed(0)} MB (summed RSS ${atStart.rssMb.toFixed(0)} MB, ${atStart.processes} processes)`);
const samples = [atStart.pssMb];
for (let completed = 0; completed < leakRuns; ) {
  const batch = Math.min(100, leakRuns - completed);
  let left = batch;
  await Promise.all(
    Array.from({ length: settings.concurrency }, async () => {
      while (left > 0) {
        left -= 1;
        await timedRun(leak, page);
      }
    }),
  );
  completed += batch;
  const now = await idleMemory();
  samples.push(now.pssMb);
  console.log(`memory: ${completed} runs, Chromium PSS ${now.pssMb.toFixed(0)} MB (summed RSS ${now.rssMb.toFixed(0)} MB, ${now.processes} processes)`);
}
const atEnd = { pssMb: samples.at(-1)! };
const leakStatus = await leak.status();
await leak.close();
await shops.close();
rmSync(artifactsDir, { recursive: true, force: true });

const pct = (from: number, to: number) => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(0)}%`;
const flowRatio = median(coldTimes) / median(warmTimes);
const overheadRatio = median(coldOverhead) / median(warmOverhead);
console.log(
  [
    `flows (checkout, 6 steps, no trace on passing runs; ${failures} failed runs):`,
    `  warm pool         ${fmt(warmTimes)}`,
    `  same, spec file   ${fmt(specTimes)}`,
    `  cold per run      ${fmt(coldTimes)}`,
    `  → whole flow: warm is ${flowRatio.toFixed(1)}x faster than launching per run`,
    `  browser overhead  warm (context + page ready) median ${median(warmOverhead).toFixed(0)} ms; cold (launch + context + page) median ${median(coldOverhead).toFixed(0)} ms`,
    `  → per-run browser overhead: warm is ${overheadRatio.toFixed(1)}x smaller`,
    `  throughput        ${throughput[2]!.toFixed(1)} flows/min with 2 contexts, ${throughput[4]!.toFixed(1)} with 4`,
    `  Chromium PSS      ${atStart.pssMb.toFixed(0)} MB at start, ${atEnd.pssMb.toFixed(0)} MB after ${leakRuns} page runs (${pct(atStart.pssMb, atEnd.pssMb)}; peak ${Math.max(...samples, atEnd.pssMb).toFixed(0)} MB, ${pct(atStart.pssMb, Math.max(...samples, atEnd.pssMb))}); ${leakStatus.launches} launches, recycling after ${leakStatus.options.recycleAfter} runs`,
  ].join('\n'),
);
