import { describe, expect, it } from 'vitest';
import { alertFacts, alertLinks, formatDuration, lastError, pageTypes, styleOf } from './format';
import { sampleFacts, sampleMessage } from './test-receiver';
import { escapeHtml, excerpt, truncate } from './text';

describe('format', () => {
  it('states the facts of the sample outage', () => {
    expect(alertFacts(sampleMessage()).map((fact) => [fact.label, fact.value])).toEqual(sampleFacts);
  });

  it('says who acknowledged and how long a resolved incident lasted', () => {
    const acked = sampleMessage({ incident: { status: 'acknowledged', acknowledgedBy: 'ana' } });
    expect(alertFacts(acked).at(-1)?.value).toBe('Acknowledged by ana');
    const openedAt = acked.incident.openedAt;
    const resolved = sampleMessage({ event: 'incident.resolved', incident: { status: 'resolved', resolvedAt: openedAt + 95 * 60_000 } });
    expect(alertFacts(resolved).at(-1)?.value).toBe('Resolved at 2025-05-12 15:37 UTC after 1 h 35 min');
  });

  it('falls back to the check id and a dash when nothing is affected', () => {
    expect(pageTypes(sampleMessage({ affected: [{ checkId: 'api', deployment: 'p', location: 'l', since: 0 }] }))).toBe('api');
    expect(alertFacts(sampleMessage({ affected: [] }))[1]?.value).toBe('—');
    expect(lastError(sampleMessage({ affected: [] }))).toBeUndefined();
  });

  it('links the incident and the runbook when set', () => {
    expect(alertLinks(sampleMessage()).map((l) => l.label)).toEqual(['View incident', 'Runbook']);
    expect(alertLinks(sampleMessage({ incident: { url: undefined, runbookUrl: undefined } }))).toEqual([]);
  });

  it('reads a degraded incident as a warning', () => {
    expect(styleOf({ event: 'incident.opened', severity: 'critical' })).toMatchObject({ word: 'DOWN', tone: 'danger' });
    expect(styleOf({ event: 'incident.opened', severity: 'warning' }).tone).toBe('warning');
    expect(styleOf({ event: 'incident.resolved', severity: 'warning' }).tone).toBe('good');
  });

  it.each([
    [42_000, '42 s'],
    [5 * 60_000, '5 min'],
    [2 * 3_600_000, '2 h'],
    [(2 * 60 + 5) * 60_000, '2 h 5 min'],
    [(3 * 24 + 4) * 3_600_000, '3 d 4 h'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('text', () => {
  it('truncates with an ellipsis and never splits an emoji', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('ab🔴cd', 4)).toBe('ab…');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<b>"a" & 'b'</b>`)).toBe('&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;');
  });

  it('makes one short line without secrets', () => {
    expect(excerpt('bad\n  token s3cr3t', ['s3cr3t'])).toBe('bad token ***');
  });
});
