import { describe, expect, it } from 'vitest';
import { defaultDisparityPolicy, describeDisparity, evaluateDisparities, median, type CheckSamples, type DeploymentSample, type Disparity } from './disparity';

const policy = defaultDisparityPolicy;
type Run = { ok?: boolean; at: number; error?: string; extracted?: Record<string, string | null> };

function samples(runs: Record<string, Run | undefined>, options: { durations?: Record<string, number[]>; extract?: CheckSamples['extract']; durationsFrom?: number } = {}): CheckSamples {
  const deployments: DeploymentSample[] = Object.entries(runs).map(([deployment, run]) => ({
    deployment,
    role: deployment === 'production' ? 'primary' : 'backup',
    latest: run ? { ok: run.ok ?? true, at: run.at, error: run.error, extracted: run.extracted } : undefined,
    durations: (options.durations?.[deployment] ?? []).map((ms, index) => ({ at: (options.durationsFrom ?? 1_000) + index * 10_000, ms })),
  }));
  return { checkId: 'product [/products/x]', extract: options.extract ?? [{ name: 'price', normalise: ['currency'] }], deployments };
}

/** Feeds rounds of runs in order, returning the outcome of each. */
function rounds(list: { samples: CheckSamples; now: number }[]) {
  let current: Disparity[] = [];
  return list.map(({ samples: s, now }) => {
    const outcome = evaluateDisparities(s, current, policy, now);
    current = outcome.current;
    return outcome;
  });
}

const price = (production: string | null, backup: string | null, at: number, ok = { production: true, backup: true }) =>
  samples({ production: { at, ok: ok.production, extracted: { price: production } }, backup: { at: at + 1, ok: ok.backup, extracted: { price: backup } } });

describe('status disparity', () => {
  const cases: { name: string; runs: Record<string, Run | undefined>; suspects: string[] }[] = [
    { name: 'backup fails while production passes: backup is the suspect', runs: { production: { at: 1 }, backup: { at: 1, ok: false, error: 'status 500' } }, suspects: ['backup'] },
    { name: 'production fails while backup passes: production is the suspect', runs: { production: { at: 1, ok: false, error: 'timeout' }, backup: { at: 1 } }, suspects: ['production'] },
    { name: 'both fail: the site is down, no disparity', runs: { production: { at: 1, ok: false }, backup: { at: 1, ok: false } }, suspects: [] },
    { name: 'both pass', runs: { production: { at: 1 }, backup: { at: 1 } }, suspects: [] },
    { name: 'a deployment that has not run yet is not compared', runs: { production: { at: 1, ok: false }, backup: undefined }, suspects: [] },
  ];
  it.each(cases)('$name', ({ runs, suspects }) => {
    const outcome = evaluateDisparities(samples(runs, { extract: [] }), [], { ...policy, confirmations: 1 }, 10);
    expect(outcome.raised.map((d) => d.suspect)).toEqual(suspects);
    expect(outcome.raised.every((d) => d.kind === 'status')).toBe(true);
  });

  it('names both sides: the reference passes, the suspect fails with its error', () => {
    const [raised] = evaluateDisparities(samples({ production: { at: 1 }, backup: { at: 2, ok: false, error: 'status 500, expected 200' } }, { extract: [] }), [], { ...policy, confirmations: 1 }, 10).raised;
    expect(describeDisparity(raised!)).toBe('status on product [/products/x]: production passes vs backup fails (status 500, expected 200)');
  });

  it('clears when the suspect passes again, and when every deployment fails', () => {
    const fails = samples({ production: { at: 1 }, backup: { at: 1, ok: false } }, { extract: [] });
    const [raised] = evaluateDisparities(fails, [], { ...policy, confirmations: 1 }, 10).current;
    expect(evaluateDisparities(samples({ production: { at: 2 }, backup: { at: 2 } }, { extract: [] }), [raised!], policy, 20).cleared).toHaveLength(1);
    expect(evaluateDisparities(samples({ production: { at: 2, ok: false }, backup: { at: 2, ok: false } }, { extract: [] }), [raised!], policy, 20).cleared).toHaveLength(1);
  });
});

describe('content disparity', () => {
  it('is raised after two comparisons with fresh runs on both sides, naming both values', () => {
    const [first, second] = rounds([
      { samples: price('$129.00', '$139.00', 1_000), now: 1_100 },
      { samples: price('$129.00', '$139.00', 11_000), now: 11_100 },
    ]);
    expect(first!.raised).toEqual([]);
    expect(first!.current).toHaveLength(1);
    expect(second!.raised).toHaveLength(1);
    const raised = second!.raised[0]!;
    expect(raised).toMatchObject({ kind: 'content', subject: 'price', suspect: 'backup', reference: 'production', raisedAt: 11_100 });
    expect(describeDisparity(raised)).toBe('price on product [/products/x]: production $129.00 vs backup $139.00');
  });

  it('does not count a comparison twice when only one side ran again (a deploy in progress)', () => {
    const outcomes = rounds([
      { samples: price('$139.00', '$129.00', 1_000), now: 1_100 },
      // Production ran again, the backup did not: still one comparison.
      { samples: samples({ production: { at: 5_000, extracted: { price: '$139.00' } }, backup: { at: 1_001, extracted: { price: '$129.00' } } }), now: 5_100 },
      // The backup got the new prices too before its next run.
      { samples: price('$139.00', '$139.00', 11_000), now: 11_100 },
    ]);
    expect(outcomes.flatMap((o) => o.raised)).toEqual([]);
    expect(outcomes[2]!.current).toEqual([]);
  });

  const cases: { name: string; production: string | null; backup: string | null; rules: CheckSamples['extract'][number]['normalise']; differs: boolean }[] = [
    { name: 'same price, different formatting', production: '$1,299.00', backup: '1 299,00 €', rules: ['currency'], differs: false },
    { name: 'stale build id', production: 'build-2026.11.25-1', backup: 'old', rules: [], differs: true },
    { name: 'title with extra whitespace', production: 'Weekend  Turtleneck', backup: ' Weekend Turtleneck', rules: ['whitespace'], differs: false },
    { name: 'a value missing on a passing backup', production: '$129.00', backup: null, rules: ['currency'], differs: true },
    { name: 'a nonce ignored by a replace rule', production: 'token=abc123 ok', backup: 'token=ffe001 ok', rules: [{ replace: { pattern: 'token=\\w+', with: '' } }], differs: false },
  ];
  it.each(cases)('$name', ({ production, backup, rules, differs }) => {
    const s = { ...price(production, backup, 1), extract: [{ name: 'price', normalise: rules }] };
    const outcome = evaluateDisparities(s, [], { ...policy, confirmations: 1 }, 10);
    expect(outcome.raised.length > 0).toBe(differs);
  });

  it('a value missing from a failed run is left to the status comparison', () => {
    const outcome = evaluateDisparities(price('$129.00', null, 1, { production: true, backup: false }), [], { ...policy, confirmations: 1 }, 10);
    expect(outcome.raised.map((d) => d.kind)).toEqual(['status']);
  });

  it('clears when the values agree again, and holds while one side cannot be read', () => {
    const [, raised] = rounds([
      { samples: price('$129.00', '$139.00', 1_000), now: 1_100 },
      { samples: price('$129.00', '$139.00', 11_000), now: 11_100 },
    ]);
    const held = evaluateDisparities(price('$129.00', null, 21_000, { production: true, backup: false }), raised!.current, policy, 21_100);
    expect(held.cleared).toEqual([]);
    expect(held.current.find((d) => d.kind === 'content')?.raisedAt).toBe(11_100);
    const agreed = evaluateDisparities(price('$129.00', '129.00 USD', 31_000), held.current, policy, 31_100);
    expect(agreed.cleared.map((d) => d.subject)).toEqual(['price']);
    expect(agreed.current.filter((d) => d.kind === 'content')).toEqual([]);
  });

  it('compares every backup with the primary', () => {
    const s = samples({ production: { at: 1, extracted: { price: '$1' } }, backup: { at: 1, extracted: { price: '$1' } }, mirror: { at: 1, extracted: { price: '$2' } } });
    const outcome = evaluateDisparities(s, [], { ...policy, confirmations: 1 }, 10);
    expect(outcome.raised.map((d) => [d.suspect, d.reference])).toEqual([['mirror', 'production']]);
  });
});

describe('latency disparity', () => {
  /** Three runs each in the 30 s before `now`: production fast, the backup slow. */
  const slowBackup = (now: number) =>
    samples({ production: { at: now }, backup: { at: now } }, { extract: [], durationsFrom: now - 30_000, durations: { production: [100, 120, 110], backup: [900, 950, 1_000] } });

  it('is raised only once the difference has lasted `sustainedFor`', () => {
    const [first, later, sustained] = rounds([
      { samples: slowBackup(30_000), now: 30_000 },
      { samples: slowBackup(30_000 + 4 * 60_000), now: 30_000 + 4 * 60_000 },
      { samples: slowBackup(30_000 + 5 * 60_000), now: 30_000 + 5 * 60_000 },
    ]);
    expect(first!.raised).toEqual([]);
    expect(later!.raised).toEqual([]);
    expect(sustained!.raised.map((d) => [d.kind, d.suspect, d.reference])).toEqual([['latency', 'backup', 'production']]);
  });

  it('holds (neither raises nor clears) while the window has no runs to compare', () => {
    const pending = evaluateDisparities(slowBackup(30_000), [], policy, 30_000).current;
    const outcome = evaluateDisparities(slowBackup(30_000), pending, policy, 30_000 + 60 * 60_000);
    expect(outcome).toMatchObject({ raised: [], cleared: [], current: pending });
  });

  it('names the slow deployment and both medians', () => {
    const s = slowBackup(30_000);
    const outcome = evaluateDisparities(s, [], { ...policy, sustainedForMs: 0 }, 30_000);
    expect(outcome.raised).toHaveLength(1);
    expect(describeDisparity(outcome.raised[0]!)).toBe('latency on product [/products/x]: production 110 ms median vs backup 950 ms median (8.6x)');
  });

  const cases: { name: string; production: number[]; backup: number[]; slower: boolean }[] = [
    { name: '3x but only 200 ms apart', production: [100, 100], backup: [300, 300], slower: false },
    { name: '600 ms apart but only 1.5x', production: [1_200, 1_200], backup: [1_800, 1_800], slower: false },
    { name: '4x and 1.5 s apart', production: [500, 500], backup: [2_000, 2_000], slower: true },
    { name: 'one slow outlier does not move the median', production: [100, 100, 100], backup: [100, 5_000, 100], slower: false },
  ];
  it.each(cases)('$name', ({ production, backup, slower }) => {
    const s = samples({ production: { at: 1 }, backup: { at: 1 } }, { extract: [], durations: { production, backup } });
    expect(evaluateDisparities(s, [], { ...policy, sustainedForMs: 0 }, 30_000).raised.length > 0).toBe(slower);
  });

  it('clears when the medians come close again', () => {
    const raised = evaluateDisparities(slowBackup(30_000), [], { ...policy, sustainedForMs: 0 }, 30_000).current;
    const close = samples({ production: { at: 1 }, backup: { at: 1 } }, { extract: [], durations: { production: [100, 100, 100], backup: [150, 150, 150] } });
    expect(evaluateDisparities(close, raised, policy, 30_000).cleared).toHaveLength(1);
  });
});

describe('median', () => {
  it.each([
    [[], undefined],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('%j → %s', (values, expected) => expect(median(values)).toBe(expected));
});
