import { BrowserWorker } from '../../browser/browser-worker';
import type { BrowserSettings } from '../../browser/settings';
import type { CheckRunner } from '../types';
import type { BrowserSpec } from './definition';

// One worker process per scheduler process, started on the first browser run; module state because the runner table holds plain objects.
let worker: BrowserWorker | undefined;
let settings: BrowserSettings | undefined;

/** The shared worker (tests and the bench use it to reach the worker's process). */
export function browserWorker(): BrowserWorker {
  worker ??= new BrowserWorker(settings ? { settings } : {});
  return worker;
}

/**
 * Applies the config's `browser` section to the worker. A worker already
 * running with other settings is stopped; the next run starts one with these.
 */
export async function configureBrowserWorker(next: BrowserSettings): Promise<void> {
  const changed = JSON.stringify(next) !== JSON.stringify(settings);
  settings = next;
  if (changed && worker) await closeBrowserWorker();
}

/**
 * Starts the browser worker and Chromium ahead of the first browser run (the
 * monitor calls it when it has browser checks), with the config's settings.
 */
export function warmBrowserWorker(next?: BrowserSettings): void {
  if (next && JSON.stringify(next) !== JSON.stringify(settings)) {
    // Warming is only a head start: if the worker cannot be started now, the first browser run
    // tries again and fails visibly if it still cannot. Without the catch, a failed fork here
    // would be an unhandled rejection, which ends the whole monitor process.
    void configureBrowserWorker(next)
      .then(() => browserWorker().warm())
      .catch(() => undefined);
    return;
  }
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
