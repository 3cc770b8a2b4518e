import { describe, expect, it } from 'vitest';
import { formatPath } from '../src/config/model';
import { resolveConfig } from '../src/config/validate';
import { defaultDisparityPolicy } from '../src/evaluate/disparity';

/** The config of disparities, extractions and deploy plans: defaults filled in, every mistake named by its field. */
const base = {
  site: { name: 'Config test' },
  deployments: [
    { name: 'production', baseUrl: 'https://shop.example.com', role: 'primary' },
    { name: 'backup', baseUrl: 'https://backup.example.com', role: 'backup' },
  ],
  checks: [{ name: 'home', kind: 'http', path: '/', extract: [{ name: 'title', selector: 'title', normalise: ['whitespace'] }] }],
};

const problemsOf = (extra: Record<string, unknown>) =>
  resolveConfig({ ...base, ...extra }, '/tmp/vigil.yaml').problems.map((p) => `${formatPath(p.path)}: ${p.message}`);

describe('disparity and deploy plan config', () => {
  it('fills in the defaults', () => {
    const { config } = resolveConfig(base, '/tmp/vigil.yaml');
    expect(config!.disparity).toEqual(defaultDisparityPolicy);
    expect(config!.deployPlans).toEqual([]);
  });

  it('reads durations and ratios', () => {
    const { config } = resolveConfig({ ...base, disparity: { latencyRatio: 2, latencyMinDifference: '250ms', sustainedFor: '10m', contentConfirmations: 3, ignore: ['home'] } }, '/tmp/vigil.yaml');
    expect(config!.disparity).toMatchObject({ latencyRatio: 2, latencyMinDifferenceMs: 250, sustainedForMs: 600_000, confirmations: 3, ignore: ['home'] });
  });

  it('resolves a deploy plan: commands get the default timeout, steps without run are manual', () => {
    const { config, problems } = resolveConfig(
      { ...base, deployPlans: [{ name: 'release', steps: [{ title: 'deploy', run: { command: 'make deploy' } }, { title: 'verify', run: { verify: { deployment: 'backup' } } }, { title: 'tell support' }], rollbackCriteria: ['price disparity'] }] },
      '/tmp/vigil.yaml',
    );
    expect(problems).toEqual([]);
    expect(config!.deployPlans[0]!.steps).toEqual([
      { title: 'deploy', run: { command: 'make deploy', timeoutMs: 600_000 }, manual: false },
      { title: 'verify', run: { verify: { deployment: 'backup' } }, manual: false },
      { title: 'tell support', manual: true },
    ]);
  });

  it.each([
    [{ disparity: { ignore: ['nope'] } }, 'disparity.ignore[0]: expected the name of a check, got "nope"'],
    [{ disparity: { latencyRatio: 0.5 } }, 'disparity.latencyRatio: expected a ratio of at least 1'],
    [{ disparity: { sustainedFor: 'soon' } }, 'disparity.sustainedFor: expected a duration like "30s", "5m" or a number of seconds, got "soon"'],
    [{ disparity: { confirmations: 2 } }, 'disparity: unknown field "confirmations"'],
    [{ deployPlans: [{ name: 'r', steps: [{ title: 'v', run: { verify: { deployment: 'staging' } } }] }] }, 'deployPlans[0].steps[0].run.verify.deployment: expected one of the declared deployments (production, backup), got "staging"'],
    [{ deployPlans: [{ name: 'r', steps: [{ title: 'x', run: { command: 'make' }, manual: true }] }] }, 'deployPlans[0].steps[0].manual: a step is either automated (run) or manual, not both'],
    [{ deployPlans: [{ name: 'r', steps: [{ title: 'x', run: { shell: 'make' } }] }] }, 'deployPlans[0].steps[0].run: expected { verify: { deployment, url? } } or { command, timeout? }'],
    [{ deployPlans: [{ name: 'r', steps: [] }] }, 'deployPlans[0].steps: expected at least one step'],
    [{ checks: [{ name: 'home', kind: 'http', extract: [{ name: 'p', selector: 'h1', jsonPath: '$.a' }] }] }, 'checks[0].extract[0]: expected exactly one of selector, jsonPath, regex, header, got selector and jsonPath'],
    [{ checks: [{ name: 'port', kind: 'tcp', extract: [{ name: 'p', selector: 'h1' }] }] }, 'checks[0]: unknown field "extract"'],
  ])('%j', (extra, message) => {
    expect(problemsOf(extra)).toContain(message);
  });
});
