import type { VigilConfig } from '../config/model';
import { runAction } from '../remediate/run-action';
import { openStore } from '../store/open';
import type { DeployVerdict } from './deploy-verify';
import { green, red, yellow } from './output';

/**
 * `vigil deploy verify --rollback ACTION`: a failed verdict runs the configured
 * rollback through the same guards, audit log and provider as `vigil rollback`.
 * Running it was decided by the person who passed the flag, so it counts as confirmed.
 * Returns whether the rollback succeeded.
 */
export async function rollbackAfterFailedVerify(config: VigilConfig, actionName: string, verdict: DeployVerdict): Promise<boolean> {
  const action = config.actions.find((candidate) => candidate.name === actionName);
  if (!action) throw new Error(`--rollback: no action named "${actionName}" (configured: ${config.actions.map((a) => a.name).join(', ') || 'none'})`);
  const store = await openStore(config);
  try {
    await store.migrate();
    const result = await runAction({
      config,
      store,
      action: action.name,
      trigger: 'cli',
      actor: 'cli:deploy-verify',
      confirmed: true,
      skipRecheck: true,
    });
    const attempt = result.attempt;
    if (result.decision.verdict !== 'run' || !attempt) {
      console.log(yellow(`! rollback "${action.name}" refused: ${'reason' in result.decision ? result.decision.reason : 'not run'}`));
      return false;
    }
    if (attempt.status === 'succeeded') console.log(green(`✓ rollback "${action.name}" ran after: ${verdict.summary}`));
    else console.log(red(`✗ rollback "${action.name}" failed: ${attempt.reason ?? attempt.status}`));
    return attempt.status === 'succeeded';
  } finally {
    await store.close();
  }
}
