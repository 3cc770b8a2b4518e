import type { Extracted, NormaliseRule } from '../checks/extract/definition';
import { normalise } from '../checks/extract/normalise';

/**
 * Disparity between deployments of one store: the same check, run against
 * production and its backups, should see the same thing. Pure: the latest
 * results of one check across deployments, the previous disparities and
 * `now` in; the new disparities and what was raised or cleared out.
 *
 * - status: one deployment fails while another passes; the failing one is the
 *   suspect. When every deployment fails it is the site, not a disparity.
 * - latency: one deployment's median over the window exceeds another's by the
 *   ratio and the minimum difference, for `sustainedFor`.
 * - content: an extracted value differs after normalisation, over
 *   `confirmations` consecutive comparisons (each with fresh runs on both
 *   sides), so a deploy that reaches one deployment a minute before the other
 *   does not raise one.
 */

export type DisparityPolicy = {
  /** A deployment this many times slower (median) than another is suspect. */
  latencyRatio: number;
  /** …and at least this many ms slower, so 20 ms vs 70 ms is no disparity. */
  latencyMinDifferenceMs: number;
  /** How long a latency disparity must last before it is raised. */
  sustainedForMs: number;
  /** The window medians are taken over. */
  latencyWindowMs: number;
  /** Consecutive comparisons that confirm a status or content disparity. */
  confirmations: number;
  /** Check names (or ids) never compared. */
  ignore: string[];
};

export const defaultDisparityPolicy: DisparityPolicy = {
  latencyRatio: 3,
  latencyMinDifferenceMs: 500,
  sustainedForMs: 5 * 60_000,
  latencyWindowMs: 5 * 60_000,
  confirmations: 2,
  ignore: [],
};

export type DisparityKind = 'status' | 'latency' | 'content';

/** What one deployment showed for one check. */
export type DeploymentSample = {
  deployment: string;
  role: 'primary' | 'backup';
  /** The latest run; absent before the first. */
  latest?: { ok: boolean; at: number; error?: string; extracted?: Extracted };
  /** Durations of passing runs (any age; the window is applied here). */
  durations: { at: number; ms: number }[];
};

/** One check across its deployments, in config order (the first primary is the reference). */
export type CheckSamples = {
  checkId: string;
  /** How each extracted value is normalised before comparing. */
  extract: { name: string; normalise: NormaliseRule[] }[];
  deployments: DeploymentSample[];
};

export type Disparity = {
  checkId: string;
  kind: DisparityKind;
  /** What differs: the extracted value's name, `status` or `latency`. */
  subject: string;
  /** The deployment that is out of line. */
  suspect: string;
  /** The deployment it is compared with. */
  reference: string;
  /** As a person reads it: `$139.00`, `fails: status 500, expected 200`, `1450 ms median`. */
  suspectValue: string;
  referenceValue: string;
  /** When the difference was first seen in this streak. */
  firstSeenAt: number;
  /** Consecutive comparisons (fresh runs on both sides) that showed it. */
  confirmations: number;
  /** Run times of the last counted comparison, so one side re-running alone does not count twice. */
  comparedAt: { suspect: number; reference: number };
  /** Set once raised; a pending difference has none. */
  raisedAt?: number;
};

export type DisparityOutcome = {
  /** Every disparity of this check now, pending or raised. */
  current: Disparity[];
  raised: Disparity[];
  cleared: Disparity[];
};

export const disparityKey = (d: Pick<Disparity, 'checkId' | 'kind' | 'subject' | 'suspect'>): string => `${d.checkId}|${d.kind}|${d.subject}|${d.suspect}`;

/** `price on product [/products/x]: production $129.00 vs backup $139.00` */
export function describeDisparity(d: Disparity): string {
  return `${d.subject} on ${d.checkId}: ${d.reference} ${d.referenceValue} vs ${d.suspect} ${d.suspectValue}`;
}

type Verdict = { differs: false } | { differs: true; reference: string; suspectValue: string; referenceValue: string; suspectAt: number; referenceAt: number };
type Verdicts = Map<string, { kind: DisparityKind; subject: string; suspect: string; verdict: Verdict }>;

export function evaluateDisparities(samples: CheckSamples, previous: readonly Disparity[], policy: DisparityPolicy, now: number): DisparityOutcome {
  const verdicts: Verdicts = new Map();
  const put = (kind: DisparityKind, subject: string, suspect: string, verdict: Verdict) =>
    verdicts.set(disparityKey({ checkId: samples.checkId, kind, subject, suspect }), { kind, subject, suspect, verdict });
  statusVerdicts(samples, put);
  contentVerdicts(samples, put);
  latencyVerdicts(samples, policy, now, put);

  const before = new Map(previous.map((d) => [disparityKey(d), d]));
  const current: Disparity[] = [];
  const raised: Disparity[] = [];
  const cleared: Disparity[] = [];
  // A disparity nothing could judge this time (a side has no data yet, or failed to give the value) stays as it was.
  for (const [key, old] of before) if (!verdicts.has(key)) current.push(old);
  for (const [key, { kind, subject, suspect, verdict }] of verdicts) {
    const old = before.get(key);
    if (!verdict.differs) {
      if (old?.raisedAt !== undefined) cleared.push(old);
      continue;
    }
    const values = { reference: verdict.reference, suspectValue: verdict.suspectValue, referenceValue: verdict.referenceValue };
    const comparedAt = { suspect: verdict.suspectAt, reference: verdict.referenceAt };
    let next: Disparity;
    if (!old) {
      next = { checkId: samples.checkId, kind, subject, suspect, ...values, firstSeenAt: now, confirmations: 1, comparedAt };
    } else {
      const fresh = comparedAt.suspect > old.comparedAt.suspect && comparedAt.reference > old.comparedAt.reference;
      next = { ...old, ...values, ...(fresh ? { confirmations: old.confirmations + 1, comparedAt } : {}) };
    }
    if (next.raisedAt === undefined && confirmed(next, policy, now)) {
      next = { ...next, raisedAt: now };
      raised.push(next);
    }
    current.push(next);
  }
  return { current, raised, cleared };
}

function confirmed(d: Disparity, policy: DisparityPolicy, now: number): boolean {
  if (d.kind === 'latency') return now - d.firstSeenAt >= policy.sustainedForMs;
  return d.confirmations >= policy.confirmations;
}

type Put = (kind: DisparityKind, subject: string, suspect: string, verdict: Verdict) => void;

/** The reference among candidates: the first primary, else the first in config order. */
function referenceOf<T extends { sample: DeploymentSample }>(candidates: T[]): T | undefined {
  return candidates.find((c) => c.sample.role === 'primary') ?? candidates[0];
}

function statusVerdicts(samples: CheckSamples, put: Put): void {
  const seen = samples.deployments.filter((s) => s.latest !== undefined).map((sample) => ({ sample, latest: sample.latest! }));
  const passing = seen.filter((s) => s.latest.ok);
  const reference = referenceOf(passing);
  for (const { sample, latest } of seen) {
    if (latest.ok || !reference) {
      // Passing, or every deployment fails: that is the site being down, which the checks' own alerts cover.
      put('status', 'status', sample.deployment, { differs: false });
      continue;
    }
    put('status', 'status', sample.deployment, {
      differs: true,
      reference: reference.sample.deployment,
      referenceValue: 'passes',
      suspectValue: `fails (${clip(latest.error ?? 'failed', 120)})`,
      suspectAt: latest.at,
      referenceAt: reference.latest.at,
    });
  }
}

function contentVerdicts(samples: CheckSamples, put: Put): void {
  for (const { name, normalise: rules } of samples.extract) {
    // A value missing from a failed run says nothing about content (the status comparison covers it).
    const comparable = samples.deployments
      .filter((s) => s.latest?.extracted !== undefined && name in s.latest.extracted && (s.latest.extracted[name] !== null || s.latest.ok))
      .map((sample) => ({ sample, latest: sample.latest!, value: sample.latest!.extracted![name]! }));
    const reference = referenceOf(comparable);
    if (!reference) continue;
    const expected = normalise(reference.value, rules);
    for (const other of comparable) {
      if (other === reference) continue;
      const differs = normalise(other.value, rules) !== expected;
      put(
        'content',
        name,
        other.sample.deployment,
        differs
          ? {
              differs: true,
              reference: reference.sample.deployment,
              referenceValue: shown(reference.value),
              suspectValue: shown(other.value),
              suspectAt: other.latest.at,
              referenceAt: reference.latest.at,
            }
          : { differs: false },
      );
    }
  }
}

function latencyVerdicts(samples: CheckSamples, policy: DisparityPolicy, now: number, put: Put): void {
  const medians = samples.deployments
    .map((sample) => ({ sample, median: median(sample.durations.filter((d) => d.at >= now - policy.latencyWindowMs && d.at <= now).map((d) => d.ms)) }))
    .filter((m): m is { sample: DeploymentSample; median: number } => m.median !== undefined);
  if (medians.length < 2) return;
  const fastest = medians.reduce((best, m) => (m.median < best.median ? m : best));
  for (const m of medians) {
    const slower = m !== fastest && m.median >= fastest.median * policy.latencyRatio && m.median - fastest.median >= policy.latencyMinDifferenceMs;
    put(
      'latency',
      'latency',
      m.sample.deployment,
      slower
        ? {
            differs: true,
            reference: fastest.sample.deployment,
            referenceValue: `${Math.round(fastest.median)} ms median`,
            suspectValue: `${Math.round(m.median)} ms median (${(m.median / Math.max(1, fastest.median)).toFixed(1)}x)`,
            // Latency is sustained by time, not by counted comparisons.
            suspectAt: now,
            referenceAt: now,
          }
        : { differs: false },
    );
  }
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function shown(value: string | null): string {
  return value === null ? '(not found)' : clip(value.replace(/\s+/g, ' ').trim(), 80);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
