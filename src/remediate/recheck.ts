import type { VigilConfig } from '../config/model';
import { executeCheck } from '../monitor/execute-check';
import type { DeploymentRecheck } from './attempt';

/** At most this many checks run at once in a re-check: a burst, not a flood, against a deployment that just changed. */
const CONCURRENCY = 8;

/**
 * Runs every enabled non-browser check of each deployment once. Browser
 * checks are left to the monitor's next runs: a Chromium start in the CLI
 * would double the re-check's time for little more certainty.
 */
export async function recheckDeployments(config: VigilConfig, deployments: string[], signal?: AbortSignal): Promise<DeploymentRecheck[]> {
  const jobs = deployments.flatMap((name) => {
    const deployment = config.deployments.find((d) => d.name === name);
    if (!deployment) return [];
    return config.checks
      .filter((check) => check.enabled && check.kind !== 'browser' && check.deployments.includes(name) && (!check.locations || check.locations.includes(config.location)))
      .map((check) => ({ check, deployment }));
  });
  const outcomes: { deployment: string; checkId: string; ok: boolean }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const result = await executeCheck({ check: job.check, deployment: job.deployment, location: config.location, stopSignal: signal });
      outcomes.push({ deployment: job.deployment.name, checkId: job.check.id, ok: result.ok });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
  return deployments.map((name) => {
    const mine = outcomes.filter((o) => o.deployment === name);
    return { deployment: name, passed: mine.filter((o) => o.ok).length, failed: mine.filter((o) => !o.ok).length, failing: mine.filter((o) => !o.ok).map((o) => o.checkId).sort() };
  });
}
