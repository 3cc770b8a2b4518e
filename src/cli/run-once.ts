import { join } from 'node:path';
import type { Check, Deployment, VigilConfig } from '../config/model';
import type { CheckResult } from '../domain/check-result';
import { executeCheck } from '../monitor/execute-check';
import { configureBrowserWorker } from '../checks/browser/runner';

export type OnceRun = { check: Check; deployment: Deployment; result: CheckResult };

/** Runs the given checks once against the given deployments, a bounded number at a time. */
export async function runChecksOnce(
  config: VigilConfig,
  checks: Check[],
  deployments: Deployment[],
  options: { concurrency?: number; onResult?(run: OnceRun): void } = {},
): Promise<OnceRun[]> {
  const work = checks.flatMap((check) =>
    deployments.filter((deployment) => check.deployments.includes(deployment.name)).map((deployment) => ({ check, deployment })),
  );
  // Browser checks run with the config's `browser` section (executable, concurrency, recycling).
  if (work.some((item) => item.check.kind === 'browser')) await configureBrowserWorker(config.browser);
  const runs: OnceRun[] = [];
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const item = work[next++]!;
      const result = await executeCheck({ ...item, location: config.location, artifactsDir: join(config.storage.dataDir, 'artifacts') });
      const run = { ...item, result };
      runs.push(run);
      options.onResult?.(run);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 20, work.length) }, worker));
  return runs;
}
