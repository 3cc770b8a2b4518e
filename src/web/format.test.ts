import { describe, expect, it } from 'vitest';
import { formatDuration, formatRatio, formatRelative } from './format';
import { uptimeClass } from './uptime-colour';

describe('durations', () => {
  it.each([
    [null, '–'],
    [0, '0 ms'],
    [0.42, '0.42 ms'],
    [850.4, '850 ms'],
    [1_240, '1.24 s'],
    [12_340, '12.3 s'],
    [125_000, '2 min 5 s'],
    [120_000, '2 min'],
    [3 * 3_600_000 + 12 * 60_000, '3 h 12 min'],
    [4 * 86_400_000 + 2 * 3_600_000, '4 d 2 h'],
  ])('%s ms reads %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('says ago or in relative to now', () => {
    expect(formatRelative(10_000, 22_000)).toBe('12.0 s ago');
    expect(formatRelative(200_000, 20_000)).toBe('in 3 min');
    expect(formatRelative(20_100, 20_000)).toBe('just now');
    expect(formatRelative(null, 0)).toBe('never');
  });
});

describe('uptime', () => {
  it('shows enough digits to tell nines apart', () => {
    expect(formatRatio(1)).toBe('100%');
    expect(formatRatio(0.99952)).toBe('99.95%');
    expect(formatRatio(0.9)).toBe('90.0%');
    expect(formatRatio(null)).toBe('–');
  });

  it.each([
    [null, 'none'],
    [1, 'full'],
    [0.9999, 'full'],
    [0.9995, 'high'],
    [0.995, 'mid'],
    [0.97, 'low'],
    [0.5, 'bad'],
    [0, 'bad'],
  ] as const)('a bar at %s is %s', (ratio, expected) => expect(uptimeClass(ratio)).toBe(expected));
});
