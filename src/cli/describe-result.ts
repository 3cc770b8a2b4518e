import type { CheckResult } from '../domain/check-result';
import { dim, green, red } from './output';
import { extractedOf } from '../checks/extract/definition';

/** A result in a few human lines: outcome, timings by phase, each assertion. */
export function describeResult(label: string, result: CheckResult): string {
  const phases = result.phases
    ? Object.entries(result.phases)
        .filter(([, ms]) => ms !== undefined)
        .map(([phase, ms]) => `${phase} ${Number(ms).toFixed(1)}ms`)
        .join(' · ')
    : `total ${result.durationMs.toFixed(1)}ms`;
  const lines = [`${result.ok ? green('✓') : red('✗')} ${label}  ${dim(phases)}`];
  if (result.error) lines.push(`    ${red(result.error)}`);
  const values = extractedLine(result.details);
  if (values) lines.push(`    ${dim('values:')} ${values}`);
  for (const assertion of result.assertions) {
    lines.push(`    ${assertion.ok ? green('✓') : red('✗')} ${assertion.assertion}${assertion.ok ? '' : dim(` (got ${assertion.actual})`)}`);
  }
  return lines.join('\n');
}

/** Extracted values as `price=$235.00 build id=b-7`, empty when the check extracts nothing. */
export function extractedLine(details: Record<string, unknown> | undefined): string {
  const extracted = extractedOf(details);
  if (!extracted) return '';
  return Object.entries(extracted)
    .map(([name, value]) => `${name}=${value === null ? '(not found)' : value.replace(/\s+/g, ' ').trim().slice(0, 40)}`)
    .join(' ');
}
