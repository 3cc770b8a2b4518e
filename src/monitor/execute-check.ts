import { join } from 'node:path';
import { pathSegment } from '../browser/evidence';
import { runCheck } from '../checks';
import type { CheckResult, Observation } from '../domain/check-result';
import type { Check, Deployment } from '../config/model';

/** How long past its timeout a runner that ignores its abort signal is given before we stop waiting for it. */
const ABANDON_AFTER_MS = 1_000;

/**
 * Runs one check against one deployment and always returns a result, even
 * when the check type crashes or hangs: a hung run is abandoned after its
 * hard timeout so its slot and the scheduler move on.
 */
export async function executeCheck(options: {
  check: Check;
  deployment: Deployment;
  location: string;
  plannedAt?: number;
  /** Aborts the run when the monitor stops. */
  stopSignal?: AbortSignal;
  /** `<dataDir>/artifacts`: failed browser runs keep their evidence under `<check>/` here. */
  artifactsDir?: string;
  /** The monitor's clock, so results and schedule share one timeline. */
  now?: () => number;
}): Promise<CheckResult> {
  const { check, deployment, location, plannedAt } = options;
  const startedAt = (options.now ?? Date.now)();
  const started = performance.now();
  const controller = new AbortController();
  const abortTimer = setTimeout(() => controller.abort(new Error(`timed out after ${check.timeoutMs}ms`)), check.timeoutMs);
  const onStop = () => controller.abort(new Error('monitor stopping'));
  options.stopSignal?.addEventListener('abort', onStop, { once: true });
  let abandonTimer: NodeJS.Timeout | undefined;
  const abandoned = new Promise<Observation>((resolve) => {
    abandonTimer = setTimeout(
      () => resolve(failure(`timed out after ${check.timeoutMs}ms (the check did not stop when asked)`, performance.now() - started)),
      check.timeoutMs + ABANDON_AFTER_MS,
    );
  });
  try {
    const run = runCheck(check.spec, {
      deployment,
      timeoutMs: check.timeoutMs,
      signal: controller.signal,
      location,
      ...(options.artifactsDir ? { artifactsDir: join(options.artifactsDir, pathSegment(check.id)) } : {}),
    }).catch((error: unknown) => failure(`check crashed: ${(error as Error)?.message ?? String(error)}`, performance.now() - started));
    const observation = await Promise.race([run, abandoned]);
    return { ...observation, checkId: check.id, deployment: deployment.name, location, startedAt, plannedAt };
  } finally {
    clearTimeout(abortTimer);
    clearTimeout(abandonTimer);
    options.stopSignal?.removeEventListener('abort', onStop);
  }
}

function failure(error: string, durationMs: number): Observation {
  return { ok: false, durationMs, error, assertions: [] };
}
