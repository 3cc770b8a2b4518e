import type { CheckResult } from '../domain/check-result';
import { dim, green, red } from './output';

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
  for (const assertion of result.assertions) {
    lines.push(`    ${assertion.ok ? green('✓') : red('✗')} ${assertion.assertion}${assertion.ok ? '' : dim(` (got ${assertion.actual})`)}`);
  }
  return lines.join('\n');
}
