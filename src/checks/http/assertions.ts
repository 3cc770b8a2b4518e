import type { AssertionResult } from '../../domain/check-result';
import type { Comparison } from '../../domain/comparison';
import { check } from '../assertions';
import { defaultStatusComparison, type HttpAssertion } from './definition';
import { parseJsonPath, selectJsonPath, type JsonPathSegment } from './json-path';

/** What the assertions look at: the final response of a run. */
export type HttpResponseFacts = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: number;
  /** Present when an assertion needs the body. */
  text?: string;
  elapsedMs: number;
};

type Result = AssertionResult & { failure?: string };

/** Only body and jsonPath assertions need the body kept in memory; the rest just count bytes. */
export function needsBodyText(assertions: readonly HttpAssertion[] | undefined): boolean {
  return (assertions ?? []).some((a) => a.body !== undefined || a.jsonPath !== undefined);
}

export function evaluateHttpAssertions(assertions: readonly HttpAssertion[] | undefined, facts: HttpResponseFacts): Result[] {
  const list = assertions ?? [];
  const results: Result[] = [];
  // A run with no status assertion still requires a non-error status: see `assertions` in the schema.
  if (!list.some((a) => a.status !== undefined)) results.push(check('status', facts.status, defaultStatusComparison));
  let json: { value: unknown } | { error: string } | undefined;
  const parsedBody = () => (json ??= parseJson(facts.text));
  for (const assertion of list) {
    if (assertion.status) results.push(check('status', facts.status, assertion.status));
    else if (assertion.responseTime) results.push(check('responseTime', facts.elapsedMs, assertion.responseTime, `${Math.round(facts.elapsedMs)}ms`));
    else if (assertion.bodySize) results.push(check('bodySize', facts.bytes, assertion.bodySize, `${facts.bytes} bytes`));
    else if (assertion.body) results.push(check('body', facts.text ?? '', assertion.body));
    else if (assertion.header) {
      const { name, ...comparison } = assertion.header;
      const value = facts.headers[name.toLowerCase()];
      results.push(check(`header ${name}`, Array.isArray(value) ? value.join(', ') : value, comparison));
    } else if (assertion.jsonPath) {
      const { path, ...comparison } = assertion.jsonPath;
      results.push(checkJsonPath(path, comparison, parsedBody()));
    }
  }
  return results;
}

function checkJsonPath(path: string, comparison: Comparison, body: { value: unknown } | { error: string }): Result {
  if ('error' in body) {
    const { assertion } = check(path, undefined, comparison);
    return { assertion, ok: false, actual: body.error, failure: `${path}: ${body.error}, expected ${assertion}` };
  }
  const values = selectJsonPath(body.value, segmentsOf(path));
  if (values.length <= 1) return check(path, values[0], comparison);
  // With a wildcard the assertion holds when any element satisfies it ("some product has a price").
  const results = values.map((value) => check(path, value, comparison));
  return results.find((r) => r.ok) ?? check(path, values, comparison);
}

const segmentCache = new Map<string, JsonPathSegment[]>();

/** Paths come from config, so the cache is bounded by the number of configured assertions. */
function segmentsOf(path: string): JsonPathSegment[] {
  let segments = segmentCache.get(path);
  if (!segments) {
    const parsed = parseJsonPath(path);
    segments = 'error' in parsed ? [] : parsed;
    segmentCache.set(path, segments);
  }
  return segments;
}

function parseJson(text: string | undefined): { value: unknown } | { error: string } {
  if (text === undefined || text === '') return { error: 'body is empty' };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { error: 'body is not JSON' };
  }
}
