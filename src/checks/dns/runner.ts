import { promises as dns } from 'node:dns';
import type { AssertionResult, Observation } from '../../domain/check-result';
import { checkResponseTime, stored, summarizeFailures } from '../assertions';
import { startDeadline } from '../deadline';
import { errorCode } from '../network-error';
import { isIpAddress, unbracket } from '../target';
import type { CheckRunner, RunContext } from '../types';
import type { DnsRecordType, DnsSpec } from './definition';

type Result = AssertionResult & { failure?: string };

export const runner: CheckRunner<DnsSpec> = { run };

async function run(spec: DnsSpec, ctx: RunContext): Promise<Observation> {
  const startedAt = performance.now();
  const hostname = spec.hostname ?? unbracket(new URL(ctx.deployment.baseUrl).hostname);
  const server = spec.resolver ?? 'system resolver';
  const details = { hostname, recordType: spec.recordType, resolver: server };
  if (isIpAddress(hostname)) {
    return { ok: false, durationMs: 0, error: `${hostname} is an IP address, not a name: set hostname to check DNS`, assertions: [], details };
  }
  const deadline = startDeadline(ctx);
  // c-ares (not getaddrinfo): answers come from DNS itself, not /etc/hosts, and a query can be cancelled.
  const resolver = new dns.Resolver({ timeout: ctx.timeoutMs, tries: 1 });
  if (spec.resolver) resolver.setServers([spec.resolver]);
  const cancel = () => resolver.cancel();
  deadline.signal.addEventListener('abort', cancel, { once: true });
  try {
    const answers = await query(resolver, hostname, spec.recordType);
    const totalMs = performance.now() - startedAt;
    const results = [...expectations(spec, hostname, answers), ...checkResponseTime(spec.assertions, totalMs)];
    const error = summarizeFailures(results);
    return {
      ok: error === undefined,
      durationMs: round(totalMs),
      phases: { dns: round(totalMs), total: round(totalMs) },
      ...(error === undefined ? {} : { error }),
      assertions: results.map(stored),
      details: { ...details, answers },
    };
  } catch (error) {
    return {
      ok: false,
      durationMs: round(performance.now() - startedAt),
      error: describeDnsError(error, hostname, spec, deadline.reason() ?? (errorCode(error) === 'ETIMEOUT' ? `timed out after ${ctx.timeoutMs}ms` : undefined)),
      assertions: [],
      details,
    };
  } finally {
    deadline.signal.removeEventListener('abort', cancel);
    deadline.dispose();
  }
}

async function query(resolver: dns.Resolver, hostname: string, type: DnsRecordType): Promise<string[]> {
  try {
    switch (type) {
      case 'A':
        return await resolver.resolve4(hostname);
      case 'AAAA':
        return await resolver.resolve6(hostname);
      case 'CNAME':
        return await resolver.resolveCname(hostname);
      case 'NS':
        return await resolver.resolveNs(hostname);
      case 'MX':
        return (await resolver.resolveMx(hostname)).sort((a, b) => a.priority - b.priority).map((mx) => `${mx.priority} ${mx.exchange}`);
      case 'TXT':
        return (await resolver.resolveTxt(hostname)).map((chunks) => chunks.join(''));
    }
  } catch (error) {
    // The name exists without records of this type: an empty answer, judged by the expectations.
    if (errorCode(error) === 'ENODATA') return [];
    throw error;
  }
}

function expectations(spec: DnsSpec, hostname: string, answers: string[]): Result[] {
  const { includes, equals, notEmpty } = spec.expect;
  const records = `${spec.recordType} records for ${hostname}`;
  const seen = answers.length > 0 ? `[${answers.join(', ')}]` : 'none';
  const normalized = new Set(answers.map((answer) => normalize(answer, spec.recordType)));
  const results: Result[] = [];
  if (notEmpty) {
    const ok = answers.length > 0;
    results.push({ assertion: `${records} exist`, ok, actual: seen, ...(ok ? {} : { failure: `no ${records}` }) });
  }
  for (const expected of includes ?? []) {
    const ok = normalized.has(normalize(expected, spec.recordType));
    results.push({ assertion: `${records} include ${expected}`, ok, actual: seen, ...(ok ? {} : { failure: `${records} are ${seen}, expected them to include ${expected}` }) });
  }
  if (equals) {
    const wanted = new Set(equals.map((value) => normalize(value, spec.recordType)));
    const ok = wanted.size === normalized.size && [...wanted].every((value) => normalized.has(value));
    const shown = `[${equals.join(', ')}]`;
    results.push({ assertion: `${records} are exactly ${shown}`, ok, actual: seen, ...(ok ? {} : { failure: `${records} are ${seen}, expected exactly ${shown}` }) });
  }
  return results;
}

/** Names compare without case or trailing dot; IPv6 in its canonical short form; TXT exactly. */
function normalize(value: string, type: DnsRecordType): string {
  if (type === 'TXT') return value;
  const lowered = value.trim().toLowerCase().replace(/\.$/, '');
  if (type !== 'AAAA') return lowered;
  try {
    return unbracket(new URL(`http://[${lowered}]/`).hostname);
  } catch {
    return lowered;
  }
}

/** `stopped` is the deadline's words; c-ares's own timeout (set to the same limit) reads the same. */
function describeDnsError(error: unknown, hostname: string, spec: DnsSpec, stopped: string | undefined): string {
  const server = spec.resolver ?? 'the system resolver';
  const code = errorCode(error);
  if (stopped !== undefined) return `${stopped} (waiting for ${server})`;
  switch (code) {
    case 'ENOTFOUND':
      return `${hostname} does not exist (NXDOMAIN from ${server})`;
    case 'ESERVFAIL':
      return `${server} answered SERVFAIL for ${spec.recordType} ${hostname}`;
    case 'EREFUSED':
      return `${server} refused the ${spec.recordType} query for ${hostname}`;
    case 'ECONNREFUSED':
      return `could not reach ${server} (connection refused)`;
  }
  return `DNS: ${error instanceof Error ? error.message : String(error)}`;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
