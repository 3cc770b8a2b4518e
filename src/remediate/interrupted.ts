import type { VigilConfig } from '../config/model';
import type { Logger } from '../log/logger';
import { INTERRUPTED_MARGIN_MS, INTERRUPTED_REASON, type Attempt } from './attempt';
import type { RemediationStore } from './store-port';

/**
 * Attempts left `running` by a Vigil that died during the provider call. Such
 * an attempt holds its incident's claim, so without this only `--force`
 * could act on the incident again. Each is marked failed ("interrupted…"),
 * its claim released, and its incident's timeline told, so a policy or a
 * person may run the action again.
 */

/** A running attempt is certainly dead once its action's provider timeout, plus a margin, has passed. */
export function isStale(config: Pick<VigilConfig, 'actions'>, attempt: Attempt, now: number): boolean {
  const timeoutMs = config.actions.find((action) => action.name === attempt.action)?.timeoutMs ?? 0;
  return attempt.status === 'running' && now - attempt.startedAt > timeoutMs + INTERRUPTED_MARGIN_MS;
}

/**
 * On monitor start: policy and API attempts that began before this process
 * did ran inside an earlier Vigil process, which is gone. (The API listens a
 * moment before the monitor starts, so a request in this process may
 * already be running: hence the process's start time.) A CLI attempt runs in
 * its own process, which may still be calling its provider: it counts only
 * once stale.
 */
export function interruptedAtStart(config: Pick<VigilConfig, 'actions'>, attempt: Attempt, now: number, processStartedAt: number): boolean {
  if (attempt.status !== 'running') return false;
  return attempt.trigger === 'cli' ? isStale(config, attempt, now) : attempt.startedAt < processStartedAt;
}

/** Marks these attempts interrupted; returns them as now stored (those that finished meanwhile are left out). */
export async function markInterrupted(store: RemediationStore, attempts: readonly Attempt[], now: number, log?: Logger): Promise<Attempt[]> {
  const marked: Attempt[] = [];
  for (const attempt of attempts) {
    const line = `${attempt.action} (attempt #${attempt.id} by ${attempt.actor}) failed: ${INTERRUPTED_REASON}; it may run again`;
    const timeline = attempt.incidentId === undefined ? [] : [{ incidentId: attempt.incidentId, at: now, type: 'action' as const, message: line, actor: 'vigil' }];
    if (!(await store.markInterrupted(attempt.id, INTERRUPTED_REASON, now, timeline))) continue;
    log?.warn({ action: attempt.action, attempt: attempt.id, incident: attempt.incidentId }, line);
    marked.push({ ...attempt, status: 'failed', reason: INTERRUPTED_REASON, finishedAt: now });
  }
  return marked;
}
