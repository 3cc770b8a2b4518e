import type { Check, Deployment, VigilConfig } from '../config/model';
import type { CheckResult } from '../domain/check-result';
import { extractedOf } from '../checks/extract/definition';
import { describeDisparity, evaluateDisparities, type CheckSamples, type DeploymentSample, type Disparity } from '../evaluate/disparity';
import type { Logger } from '../log/logger';
import { activeWindowFor } from '../notify/maintenance';
import { emptyWrites, mergeWrites, type AlertWrites } from '../notify/outbox';
import type { Store } from '../store/ports';
import type { DisparityWrites } from '../store/kysely/disparities';
import type { AlertPipeline, AlertTarget } from './alerting';
import { DISPARITY_PREFIX } from '../incidents/lifecycle';

/** The alert subject of a check's disparities: one per check × suspect deployment, like `heartbeat:<name>`. */
export const disparityCheckId = (checkId: string): string => `${DISPARITY_PREFIX}${checkId}`;

/** Feeding the pipeline never needs more runs than this to move a subject (a confirmation policy is at most a few runs). */
const MAX_FED_RUNS = 20;

type Sample = NonNullable<DeploymentSample['latest']>;
type Options = {
  log: Logger;
  /**
   * Takes a check's current disparities and the alert writes they caused: the
   * monitor's result writer, so they commit in the same ordered batch stream
   * as the check results (one transaction per batch) and never overtake, or
   * get overtaken by, another copy of the same incident.
   */
  write(disparities: DisparityWrites, writes: AlertWrites): void;
};
type Subject = Pick<Check, 'id' | 'name' | 'tags' | 'intervalMs' | 'runbook'>;

/**
 * A status disparity is not alerted: the failing check's own confirmed alert
 * already pages for the suspect deployment, and a second member saying the
 * same would be noise. It is stored and shown (compare, API) as context.
 */
const alerts = (d: Disparity): boolean => d.kind !== 'status' && d.raisedAt !== undefined;

const isEmpty = (w: AlertWrites): boolean => w.health.length + w.incidents.length + w.timeline.length + w.outbox.length === 0;

/**
 * Keeps the latest result of every compared check × deployment, compares the
 * deployments after each result (src/evaluate/disparity.ts) and turns raised
 * and cleared content and latency disparities into alerts through the same
 * AlertPipeline as checks: subject `disparity:<checkId>`, deployment = the
 * suspect, last error = both values side by side. The disparities are stored
 * with the alert writes they caused, so a restart neither loses nor re-sends them.
 */
export class DisparityWatch {
  private readonly latest = new Map<string, Sample>();
  private readonly durations = new Map<string, { at: number; ms: number }[]>();
  private readonly current = new Map<string, Disparity[]>();

  private constructor(
    private readonly config: VigilConfig,
    private readonly pipeline: AlertPipeline,
    private readonly options: Options,
  ) {}

  static async create(config: VigilConfig, store: Store, pipeline: AlertPipeline, options: Options, now = Date.now()): Promise<DisparityWatch> {
    const watch = new DisparityWatch(config, pipeline, options);
    for (const d of await store.listDisparities()) watch.current.set(d.checkId, [...(watch.current.get(d.checkId) ?? []), d]);
    // The latest values survive a restart through the stored results; latency medians refill within their window.
    for (const result of await store.latestResults()) {
      if (result.location === config.location) watch.latest.set(`${result.checkId}|${result.deployment}`, sampleOf(result));
    }
    // A check removed from the config (or now ignored) leaves nothing open behind it. Written
    // directly: this runs before the monitor's first result, so no batch can be pending yet.
    for (const [checkId, list] of watch.current) {
      const check = config.checks.find((c) => c.id === checkId);
      if (check && watch.compares(check)) continue;
      watch.current.delete(checkId);
      const subject: Subject = check ?? { id: checkId, name: checkId, tags: [], intervalMs: 60_000 };
      let writes = emptyWrites();
      for (const suspect of new Set(list.map((d) => d.suspect))) writes = mergeWrites(writes, watch.reconcile(subject, suspect, [], now, false));
      await store.saveDisparities([checkId], [], writes);
    }
    return watch;
  }

  /** Whether a check is compared at all: enabled, on two deployments or more, not ignored. */
  compares(check: Pick<Check, 'id' | 'name' | 'enabled' | 'deployments'>): boolean {
    const { ignore } = this.config.disparity;
    return check.enabled && check.deployments.length >= 2 && !ignore.includes(check.name) && !ignore.includes(check.id);
  }

  /** Disparities raised now (pending ones are not shown). */
  raised(): Disparity[] {
    return [...this.current.values()].flat().filter((d) => d.raisedAt !== undefined);
  }

  /**
   * Feeds one result; what it changed goes to `options.write` (after the
   * result's own writes, which the caller added first: the result may have
   * opened the incident a disparity now joins).
   */
  observe(result: CheckResult, target: { check: Check; deployment: Deployment }, now: number): void {
    const { check } = target;
    if (!this.compares(check) || result.location !== this.config.location) return;
    const key = `${check.id}|${result.deployment}`;
    this.latest.set(key, sampleOf(result));
    const windowStart = now - this.config.disparity.latencyWindowMs;
    const durations = (this.durations.get(key) ?? []).filter((d) => d.at >= windowStart);
    if (result.ok) durations.push({ at: result.startedAt, ms: result.durationMs });
    this.durations.set(key, durations);

    const previous = this.current.get(check.id) ?? [];
    const outcome = evaluateDisparities(this.samplesOf(check), previous, this.config.disparity, now);
    const changed = outcome.raised.length > 0 || outcome.cleared.length > 0 || JSON.stringify(outcome.current) !== JSON.stringify(previous);
    this.current.set(check.id, outcome.current);
    let writes = emptyWrites();
    for (const suspect of check.deployments) {
      const refresh = outcome.raised.some((d) => d.suspect === suspect && alerts(d));
      writes = mergeWrites(writes, this.reconcile(check, suspect, outcome.current, now, refresh));
    }
    if (!changed && isEmpty(writes)) return;
    for (const d of outcome.raised) this.options.log.warn({ check: check.id, kind: d.kind, suspect: d.suspect, reference: d.reference }, `disparity: ${describeDisparity(d)}`);
    for (const d of outcome.cleared) this.options.log.info({ check: check.id, kind: d.kind, suspect: d.suspect }, `disparity cleared: ${d.subject} on ${d.checkId}`);

    this.options.write(new Map([[check.id, outcome.current]]), writes);
  }

  private samplesOf(check: Check): CheckSamples {
    const extract = check.spec.kind === 'http' || check.spec.kind === 'browser' ? (check.spec.extract ?? []) : [];
    return {
      checkId: check.id,
      extract: extract.map((e) => ({ name: e.name, normalise: e.normalise })),
      deployments: this.config.deployments
        .filter((d) => check.deployments.includes(d.name))
        .map((d) => ({
          deployment: d.name,
          role: d.role,
          latest: this.latest.get(`${check.id}|${d.name}`),
          durations: this.durations.get(`${check.id}|${d.name}`) ?? [],
        })),
    };
  }

  /**
   * Brings the subject `disparity:<check>` on the suspect to where the
   * disparities say it should be: down while one is raised, up when none is
   * left. The disparity rules already confirmed it, so the pipeline is fed as
   * many runs as its own confirmation needs to agree, rather than confirming
   * a second time over minutes. `refresh` feeds one more failing run to a
   * subject already down, so the incident shows the newest values.
   */
  private reconcile(check: Subject, suspect: string, current: Disparity[], now: number, refresh: boolean): AlertWrites {
    const raised = current.filter((d) => d.suspect === suspect && alerts(d));
    const id = disparityCheckId(check.id);
    const state = this.pipeline.healthOf(id, suspect)?.state;
    const ok = raised.length === 0;
    if (ok && state !== 'down') return emptyWrites();
    if (!ok && state === 'down' && !refresh) return emptyWrites();
    // Silenced while the window lasts; fed again once it has ended.
    if (!ok && state === 'maintenance' && activeWindowFor(this.config.maintenance, { checkId: id, checkName: check.name, deployment: suspect, tags: check.tags }, now)) return emptyWrites();
    const deployment = this.config.deployments.find((d) => d.name === suspect);
    const target: AlertTarget = {
      check: { id, name: `disparity: ${check.name}`, tags: check.tags, intervalMs: check.intervalMs, runbook: check.runbook },
      deployment: { name: suspect, role: deployment?.role ?? 'backup' },
    };
    const result: CheckResult = {
      checkId: id,
      deployment: suspect,
      location: this.config.location,
      startedAt: now,
      ok,
      durationMs: 0,
      ...(ok ? {} : { error: raised.map(describeDisparity).join('; ') }),
      assertions: [],
      details: { disparities: raised },
    };
    let writes = emptyWrites();
    for (let run = 0; run < MAX_FED_RUNS; run++) {
      const reached = this.pipeline.healthOf(id, suspect)?.state;
      if (run > 0 && (ok ? reached !== 'down' : reached === 'down' || reached === 'maintenance')) break;
      writes = mergeWrites(writes, this.pipeline.evaluate(result, target, now).writes);
    }
    return writes;
  }
}

function sampleOf(result: CheckResult): Sample {
  const extracted = extractedOf(result.details);
  return { ok: result.ok, at: result.startedAt, ...(result.error ? { error: result.error } : {}), ...(extracted ? { extracted } : {}) };
}
