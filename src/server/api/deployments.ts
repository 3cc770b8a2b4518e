import { Hono } from 'hono';
import type { ServerDeps } from '../app';
import type { DeploymentStatus } from './contract';
import { emptyCounts, loadGridSnapshot } from './grid-model';
import { onlyParams, withParams } from './grid-params';

/** GET /deployments: each deployment side by side with its cell counts and 24 h uptime over all its checks. */
export function deploymentsApi({ config, store }: ServerDeps): Hono {
  const api = new Hono();
  api.get(
    '/deployments',
    withParams(async (c) => {
      onlyParams(c, []);
      const now = Date.now();
      const [snapshot, day] = await Promise.all([loadGridSnapshot(config, store, now), store.uptime({ from: now - 86_400_000, to: now })]);
      const deployments: DeploymentStatus[] = snapshot.deployments.map((info) => {
        const counts = emptyCounts();
        for (let index = 0; index < snapshot.checks.length; index++) {
          const state = snapshot.stateOf(index, info.name);
          if (state !== undefined) counts[state]++;
        }
        let runs = 0;
        let failures = 0;
        for (const u of day) {
          if (u.deployment !== info.name) continue;
          runs += u.runs;
          failures += u.failures;
        }
        return { ...info, counts, uptime24h: runs > 0 ? (runs - failures) / runs : null };
      });
      return c.json({ deployments });
    }),
  );
  return api;
}
