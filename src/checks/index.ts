import type { Observation } from '../domain/check-result';
import { checkKinds, type CheckKind, type CheckSpec, type SpecOf } from './definitions';
import { runner as browserRunner } from './browser/runner';
import { runner as dnsRunner } from './dns/runner';
import { runner as httpRunner } from './http/runner';
import { runner as tcpRunner } from './tcp/runner';
import { runner as tlsRunner } from './tls/runner';
import type { CheckRunner, RunContext } from './types';

export * from './definitions';
export type { CheckDefinition, CheckRunner, DeploymentTarget, RunContext } from './types';
export { closeHttpAgents } from './http/agent';
export { closeBrowserWorker, configureBrowserWorker, warmBrowserWorker } from './browser/runner';

export const checkRunners = {
  http: httpRunner,
  tcp: tcpRunner,
  dns: dnsRunner,
  tls: tlsRunner,
  browser: browserRunner,
} satisfies { [K in CheckKind]: CheckRunner<SpecOf<K>> };

/**
 * Runs one check once. Never rejects: a runner that throws (a bug, not a
 * failing target) becomes ok=false with the message, so a crashed check is a
 * red result rather than a lost one.
 */
export async function runCheck(spec: CheckSpec, ctx: RunContext): Promise<Observation> {
  const startedAt = performance.now();
  try {
    if (!(checkKinds as readonly string[]).includes(spec.kind)) throw new Error(`unknown check kind ${JSON.stringify(spec.kind)}`);
    return await (checkRunners[spec.kind] as CheckRunner<CheckSpec>).run(spec, ctx);
  } catch (error) {
    return {
      ok: false,
      durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
      error: `check crashed: ${error instanceof Error ? error.message : String(error)}`,
      assertions: [],
    };
  }
}
