import { describe, expect, it } from 'vitest';
import type { GridCell, GridPage } from '../server/api/contract';
import { gridReducer } from './grid-state';

const cell = (checkId: string, deployment: string, change: Partial<GridCell> = {}): GridCell => ({
  checkId,
  deployment,
  state: 'up',
  lastRunAt: 1_000,
  durationMs: 120,
  error: null,
  ...change,
});

const page = (): GridPage => ({
  deployments: [
    { name: 'production', role: 'primary', baseUrl: 'http://a', provider: null },
    { name: 'backup', role: 'backup', baseUrl: 'http://b', provider: null },
  ],
  rows: [
    { checkId: 'home page', name: 'home page', kind: 'http', pageType: 'home', tags: [], summary: 'GET /', cells: { production: cell('home page', 'production'), backup: cell('home page', 'backup') } },
    { checkId: 'cart', name: 'cart', kind: 'http', pageType: 'cart', tags: [], summary: 'GET /cart', cells: { production: cell('cart', 'production') } },
  ],
  total: 2,
  page: 1,
  pageSize: 50,
  counts: { up: 3, degraded: 0, confirming: 0, down: 0, maintenance: 0, unknown: 0 },
  facets: { tags: [], pageTypes: [], kinds: [] },
});

describe('the grid patched by live cell events', () => {
  it('replaces one cell in place and moves the counts', () => {
    const before = page();
    const after = gridReducer(before, { type: 'cell', cell: cell('home page', 'backup', { state: 'down', lastRunAt: 2_000, error: 'status 503' }) })!;
    expect(after.rows[0]!.cells.backup).toMatchObject({ state: 'down', error: 'status 503' });
    expect(after.counts).toMatchObject({ up: 2, down: 1 });
    // Untouched rows and cells keep their identity, so React redraws only what changed.
    expect(after.rows[1]).toBe(before.rows[1]);
    expect(after.rows[0]!.cells.production).toBe(before.rows[0]!.cells.production);
  });

  it('ignores cells of checks not on this page and deployments a check does not run on', () => {
    const before = page();
    expect(gridReducer(before, { type: 'cell', cell: cell('search', 'production', { state: 'down' }) })).toBe(before);
    expect(gridReducer(before, { type: 'cell', cell: cell('cart', 'backup', { state: 'down' }) })).toBe(before);
  });

  it('keeps a newer run when an older event arrives late', () => {
    const before = page();
    const newer = gridReducer(before, { type: 'cell', cell: cell('cart', 'production', { state: 'down', lastRunAt: 5_000 }) })!;
    expect(gridReducer(newer, { type: 'cell', cell: cell('cart', 'production', { state: 'up', lastRunAt: 4_000 }) })).toBe(newer);
  });

  it('returns the same state for an event that changes nothing', () => {
    const before = page();
    expect(gridReducer(before, { type: 'cell', cell: cell('cart', 'production') })).toBe(before);
  });

  it('updates the time of a run that keeps its state without touching the counts', () => {
    const after = gridReducer(page(), { type: 'cell', cell: cell('cart', 'production', { lastRunAt: 9_000, durationMs: 80 }) })!;
    expect(after.rows[1]!.cells.production!.lastRunAt).toBe(9_000);
    expect(after.counts.up).toBe(3);
  });

  it('waits for the first page before patching', () => {
    expect(gridReducer(null, { type: 'cell', cell: cell('cart', 'production') })).toBeNull();
  });
});
