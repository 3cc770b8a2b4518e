import { BrowserWorker } from '../../browser/browser-worker';
import type { CheckRunner } from '../types';
import type { BrowserSpec } from './definition';

// One worker process per scheduler process, started on the first browser run; module state because the runner table holds plain objects.
let worker: BrowserWorker | undefined;

/** The shared worker (tests and the bench use it to reach the worker's process). */
export function browserWorker(): BrowserWorker {
  worker ??= new BrowserWorker();
  return worker;
}

/** Starts the browser worker and Chromium ahead of the first browser run (the monitor calls it when it has browser checks). */
export function warmBrowserWorker(): void {
  browserWorker().warm();
}

/** Stops the browser worker and its Chromium; the next browser run starts a new one. */
export async function closeBrowserWorker(): Promise<void> {
  const current = worker;
  worker = undefined;
  await current?.close();
}

/**
 * Hands the run to the browser worker process and awaits its Observation;
 * nothing Playwright-related runs in this (the scheduler's) process.
 */
/** Check × deployment pairs whose last run failed: their next runs (the confirming re-checks) record a trace. */
const failingLastTime = new Set<string>();

export const runner: CheckRunner<BrowserSpec> = {
  run: async (spec, ctx) => {
    const key = `${ctx.artifactsDir ?? JSON.stringify(spec)}|${ctx.deployment.name}`;
    const observation = await browserWorker().run(
      {
        spec,
        baseUrl: ctx.deployment.baseUrl,
        deployment: ctx.deployment.name,
        isProduction: !spec.testDeployments.includes(ctx.deployment.name),
        timeoutMs: ctx.timeoutMs,
        deadline: Date.now() + ctx.timeoutMs,
        ...(ctx.artifactsDir ? { artifactsDir: ctx.artifactsDir } : {}),
        trace: failingLastTime.has(key),
      },
      ctx.signal,
    );
    if (observation.ok) failingLastTime.delete(key);
    else failingLastTime.add(key);
    return observation;
  },
};
