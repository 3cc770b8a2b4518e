import type { OnceRun } from './run-once';

const xml = (text: string) => text.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** JUnit XML that CI systems (GitHub Actions, GitLab, Jenkins) understand: one suite per deployment, one case per check. */
export function junitReport(runs: OnceRun[], suiteName = 'vigil'): string {
  const byDeployment = new Map<string, OnceRun[]>();
  for (const run of runs) byDeployment.set(run.deployment.name, [...(byDeployment.get(run.deployment.name) ?? []), run]);
  const suites = [...byDeployment.entries()].map(([deployment, group]) => {
    const failures = group.filter((run) => !run.result.ok).length;
    const seconds = group.reduce((sum, run) => sum + run.result.durationMs, 0) / 1000;
    const cases = group.map((run) => {
      const time = (run.result.durationMs / 1000).toFixed(3);
      const name = `${xml(run.check.id)} (${xml(run.check.summary)})`;
      if (run.result.ok) return `    <testcase classname="${xml(`${suiteName}.${deployment}`)}" name="${name}" time="${time}"/>`;
      const details = run.result.assertions.map((a) => `${a.ok ? 'ok  ' : 'FAIL'} ${a.assertion} (got ${a.actual ?? ''})`).join('\n');
      return `    <testcase classname="${xml(`${suiteName}.${deployment}`)}" name="${name}" time="${time}">\n      <failure message="${xml(run.result.error ?? 'failed')}">${xml(details)}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(`${suiteName} · ${deployment}`)}" tests="${group.length}" failures="${failures}" errors="0" time="${seconds.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const total = runs.length;
  const failed = runs.filter((run) => !run.result.ok).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(suiteName)}" tests="${total}" failures="${failed}">\n${suites.join('\n')}\n</testsuites>\n`;
}
