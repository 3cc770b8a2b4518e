import type { Check, Deployment, VigilConfig } from '../config/model';
import { ConfigError } from '../config/model';
import { extractedOf, type Extracted } from '../checks/extract/definition';
import { normalise } from '../checks/extract/normalise';
import { runChecksOnce } from './run-once';
import { dim, green, red } from './output';

/**
 * Deploy verification: every enabled check and flow, once against the new
 * deployment (or a URL) and once against the reference (the primary by
 * default), compared on status, extracted content and latency. The verdict
 * is a value, so a caller can act on it (the CLI prints it and sets the exit
 * code; a rollback action can be wired to `verdict.ok === false`).
 */

export type VerifyOptions = {
  /** The deployment being verified (a configured name, or a label for `url`). */
  deployment: string;
  /** Verify this base URL (a preview of the new build) instead of the deployment's configured one. */
  url?: string;
  /** Compare with this deployment; default the first primary other than the one verified. */
  against?: string;
  /** Checks run at once. */
  concurrency?: number;
  onCheck?(verdict: CheckVerdict): void;
};

export type RunSummary = { ok: boolean; durationMs: number; error?: string; extracted: Extracted };

export type CheckVerdict = {
  checkId: string;
  kind: string;
  summary: string;
  ok: boolean;
  candidate: RunSummary;
  /** Absent when the check does not run on the reference (only its status is judged). */
  reference?: RunSummary;
  /** What differs, one line each: `price: production $235.00 vs backup $245.00`. Empty when ok. */
  differences: string[];
};

export type DeployVerdict = {
  ok: boolean;
  deployment: string;
  baseUrl: string;
  reference: string;
  startedAt: number;
  durationMs: number;
  checks: CheckVerdict[];
  /** One line: what was verified and how it went. */
  summary: string;
};

export async function verifyDeployment(config: VigilConfig, options: VerifyOptions): Promise<DeployVerdict> {
  const { candidate, reference } = targetsOf(config, options);
  const startedAt = Date.now();
  const started = performance.now();
  // A check runs against the candidate when it is configured for it, or (a new URL under a new name) for the reference.
  const checks = config.checks.filter((check) => check.enabled && (check.deployments.includes(candidate.name) || (options.url !== undefined && !config.deployments.some((d) => d.name === candidate.name) && check.deployments.includes(reference.name))));
  const runs = await runChecksOnce(
    config,
    checks.map((check) => ({ ...check, deployments: [...new Set([...check.deployments, candidate.name])] })),
    [candidate, reference],
    { concurrency: options.concurrency },
  );
  const verdicts: CheckVerdict[] = [];
  for (const check of checks) {
    const mine = runs.find((run) => run.check.id === check.id && run.deployment.name === candidate.name);
    const theirs = runs.find((run) => run.check.id === check.id && run.deployment.name === reference.name);
    if (!mine) continue;
    const verdict = judge(config, check, candidate.name, reference.name, summaryOf(mine.result), theirs ? summaryOf(theirs.result) : undefined);
    verdicts.push(verdict);
    options.onCheck?.(verdict);
  }
  const failed = verdicts.filter((v) => !v.ok);
  const ok = verdicts.length > 0 && failed.length === 0;
  const summary =
    verdicts.length === 0
      ? `no enabled check runs on ${candidate.name}: nothing verified`
      : ok
        ? `${candidate.name} verified against ${reference.name}: ${verdicts.length} checks, same status, content and latency`
        : `${candidate.name} differs from ${reference.name} in ${failed.length} of ${verdicts.length} checks`;
  return { ok, deployment: candidate.name, baseUrl: candidate.baseUrl, reference: reference.name, startedAt, durationMs: Math.round(performance.now() - started), checks: verdicts, summary };
}

function targetsOf(config: VigilConfig, options: VerifyOptions): { candidate: Deployment; reference: Deployment } {
  const problem = (message: string) => new ConfigError([{ file: config.file, path: 'deployments', message }]);
  const names = config.deployments.map((d) => d.name).join(', ');
  const configured = config.deployments.find((d) => d.name === options.deployment);
  if (!configured && !options.url) throw problem(`--deployment: no deployment named "${options.deployment}"; expected one of ${names}, or pass --url`);
  let baseUrl = configured?.baseUrl;
  if (options.url) {
    try {
      baseUrl = new URL(options.url).href.replace(/\/$/, '');
    } catch {
      throw problem(`--url: expected an absolute http(s) URL, got "${options.url}"`);
    }
  }
  const candidate: Deployment = { name: options.deployment, baseUrl: baseUrl!, role: configured?.role ?? 'backup' };
  const reference = options.against
    ? config.deployments.find((d) => d.name === options.against)
    : config.deployments.find((d) => d.role === 'primary' && d.name !== candidate.name);
  if (!reference) {
    throw problem(options.against ? `--against: no deployment named "${options.against}"; expected one of ${names}` : `no primary deployment other than "${candidate.name}" to compare with; pass --against NAME`);
  }
  if (reference.name === candidate.name && !options.url) throw problem(`--against: "${reference.name}" is the deployment being verified; compare it with another one`);
  // Verifying a new URL of the primary against itself: the reference keeps its configured URL under its own name.
  if (reference.name === candidate.name) candidate.name = `${candidate.name} (new)`;
  return { candidate, reference };
}

function summaryOf(result: { ok: boolean; durationMs: number; error?: string; details?: Record<string, unknown> }): RunSummary {
  return { ok: result.ok, durationMs: result.durationMs, ...(result.error ? { error: result.error } : {}), extracted: extractedOf(result.details) ?? {} };
}

function judge(config: VigilConfig, check: Check, candidate: string, reference: string, mine: RunSummary, theirs: RunSummary | undefined): CheckVerdict {
  const differences: string[] = [];
  if (!mine.ok) differences.push(`status: ${theirs ? `${reference} ${theirs.ok ? 'passes' : 'fails too'} vs ` : ''}${candidate} fails (${mine.error ?? 'failed'})`);
  if (theirs) {
    const extract = check.spec.kind === 'http' || check.spec.kind === 'browser' ? (check.spec.extract ?? []) : [];
    for (const { name, normalise: rules } of extract) {
      const a = theirs.extracted[name] ?? null;
      const b = mine.extracted[name] ?? null;
      // An error page without the value is already reported as a failure.
      if (b === null && !mine.ok) continue;
      if (normalise(a, rules) !== normalise(b, rules)) differences.push(`${name}: ${reference} ${shown(a)} vs ${candidate} ${shown(b)}`);
    }
    const { latencyRatio, latencyMinDifferenceMs } = config.disparity;
    if (mine.ok && theirs.ok && mine.durationMs >= theirs.durationMs * latencyRatio && mine.durationMs - theirs.durationMs >= latencyMinDifferenceMs) {
      differences.push(`latency: ${reference} ${Math.round(theirs.durationMs)}ms vs ${candidate} ${Math.round(mine.durationMs)}ms (${(mine.durationMs / Math.max(1, theirs.durationMs)).toFixed(1)}x, limit ${latencyRatio}x)`);
    }
  }
  return { checkId: check.id, kind: check.kind, summary: check.summary, ok: differences.length === 0, candidate: mine, ...(theirs ? { reference: theirs } : {}), differences };
}

function shown(value: string | null): string {
  return value === null ? '(not found)' : value.replace(/\s+/g, ' ').trim().slice(0, 80);
}

/** A check's verdict in a few lines: ✓/✗, timings side by side, each difference. */
export function describeCheckVerdict(verdict: CheckVerdict, reference: string): string {
  const timing = dim(`${Math.round(verdict.candidate.durationMs)}ms${verdict.reference ? ` (${reference} ${Math.round(verdict.reference.durationMs)}ms)` : ''}`);
  return [`${verdict.ok ? green('✓') : red('✗')} ${verdict.checkId}  ${timing}`, ...verdict.differences.map((line) => `    ${red(line)}`)].join('\n');
}

const xml = (text: string) => text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** JUnit XML for CI: one case per check, the differences as its failure. */
export function verdictJunit(verdict: DeployVerdict): string {
  const failures = verdict.checks.filter((c) => !c.ok).length;
  const cases = verdict.checks.map((c) => {
    const head = `    <testcase classname="${xml(`deploy-verify.${verdict.deployment}`)}" name="${xml(`${c.checkId} (${c.summary})`)}" time="${(c.candidate.durationMs / 1000).toFixed(3)}"`;
    if (c.ok) return `${head}/>`;
    return `${head}>\n      <failure message="${xml(c.differences[0] ?? 'differs')}">${xml(c.differences.join('\n'))}</failure>\n    </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="deploy verify" tests="${verdict.checks.length}" failures="${failures}">\n  <testsuite name="${xml(`${verdict.deployment} vs ${verdict.reference}`)}" tests="${verdict.checks.length}" failures="${failures}" errors="0" time="${(verdict.durationMs / 1000).toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}
