import type { VigilConfig } from '../config/model';
import type { Logger } from '../log/logger';
import type { StoredHealth } from '../notify/outbox';
import type { GuardDecision } from '../remediate/guards';
import { duePolicies, type DuePolicy } from '../remediate/policy';
import { runAction, type RunActionStore } from '../remediate/run-action';
import { interruptedAtStart, markInterrupted } from '../remediate/interrupted';
import type { AlertPipeline } from './alerting';
import type { CheckTarget } from './monitor';

/**
 * Automatic remediation: on each monitor tick, policies whose deployment has
 * been confirmed down long enough run their action through `runAction`
 * (guards, provider, audit, re-check). Each run goes on in the background:
 * `tick` only starts work, so a slow provider never delays checks or
 * deliveries, and a failing one is logged, never thrown into the monitor.
 */
export class RemediationLoop {
  /** Runs going on, by `incident|policy`. */
  private readonly running = new Map<string, Promise<void>>();
  /** `incident|policy` pairs that are done: the action ran, awaits a person, or someone else already acted. */
  private readonly settled = new Set<string>();
  /** The last refusal recorded per pair: a policy retries every second, the audit log hears each reason once. */
  private readonly lastRefusal = new Map<string, string>();
  private readonly stopController = new AbortController();

  constructor(
    private readonly deps: {
      config: VigilConfig;
      store: RunActionStore;
      pipeline: AlertPipeline;
      targets: readonly CheckTarget[];
      log: Logger;
      now: () => number;
    },
  ) {}

  /**
   * At start: attempts left `running` by a Vigil that stopped during the
   * provider call are marked failed (interrupted) and release their claims,
   * so policies (and people) can run the action again. Never rejects.
   */
  async recoverInterrupted(now: number): Promise<number> {
    const { config, store, log } = this.deps;
    try {
      const running = await store.listAttempts({ status: 'running', limit: 1000 });
      // On the monitor's clock, which tests may move: when this process started.
      const processStartedAt = now - process.uptime() * 1000;
      const interrupted = running.filter((attempt) => interruptedAtStart(config, attempt, now, processStartedAt));
      return (await markInterrupted(store, interrupted, now, log)).length;
    } catch (error) {
      log.error({ err: error }, 'could not recover interrupted remediation attempts');
      return 0;
    }
  }

  /** Starts the runs that are due; returns at once. */
  tick(now: number): void {
    const { config, pipeline } = this.deps;
    if (config.remediation.policies.length === 0 || this.stopController.signal.aborted) return;
    let dueNow: DuePolicy[];
    try {
      dueNow = duePolicies({ policies: config.remediation.policies, actions: config.actions, incidents: pipeline.openIncidents(), now });
    } catch (error) {
      this.deps.log.error({ err: error }, 'remediation policy evaluation failed');
      return;
    }
    this.forgetClosed(pipeline.openIncidents().map((incident) => incident.id));
    for (const due of dueNow) {
      const key = `${due.incident.id}|${due.policy.name}`;
      if (this.settled.has(key) || this.running.has(key)) continue;
      const run = this.attempt(due, key)
        .catch((error: unknown) => this.deps.log.error({ err: error, policy: due.policy.name, incident: due.incident.id }, 'remediation policy failed'))
        .finally(() => this.running.delete(key));
      this.running.set(key, run);
    }
  }

  /** Stops starting runs, cuts pending re-check waits short, and waits for provider calls under way. */
  async stop(): Promise<void> {
    this.stopController.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  private async attempt(due: DuePolicy, key: string): Promise<void> {
    const { config, store, log, now } = this.deps;
    const result = await runAction({
      config,
      store,
      action: due.action.name,
      incident: due.incident,
      trigger: 'policy',
      actor: `policy:${due.policy.name}`,
      policy: due.policy.name,
      requireTargetGreen: due.policy.requireTargetGreen,
      now,
      health: () => this.health(),
      signal: this.stopController.signal,
      recordRefusal: (decision) => this.isNewRefusal(key, decision),
      log,
    });
    const { decision } = result;
    if (decision.verdict === 'run' || decision.verdict === 'awaiting_confirmation' || decision.code === 'already_ran' || decision.code === 'raced') this.settled.add(key);
    await result.recheck;
  }

  /** What the loop remembers is per open incident; a resolved incident's keys go (the audit log keeps its history). */
  private forgetClosed(openIds: number[]): void {
    const open = new Set(openIds.map(String));
    for (const map of [this.settled, this.lastRefusal]) {
      for (const key of map.keys()) if (!open.has(key.split('|')[0]!)) map.delete(key);
    }
  }

  private isNewRefusal(key: string, decision: Exclude<GuardDecision, { verdict: 'run' }>): boolean {
    // Ages ("last result 130s old") change every second; the reason does not.
    const shape = `${decision.verdict}:${decision.reason.replace(/\d+/g, '#')}`;
    if (this.lastRefusal.get(key) === shape) return false;
    this.lastRefusal.set(key, shape);
    return true;
  }

  /** The pipeline's in-memory health: fresher than the store, which the batch writer updates every 200 ms. */
  private health(): StoredHealth[] {
    return this.deps.targets.flatMap((target) => {
      const health = this.deps.pipeline.healthOf(target.check.id, target.deployment.name);
      return health ? [{ checkId: target.check.id, deployment: target.deployment.name, health }] : [];
    });
  }
}
