import { Hono } from 'hono';
import type { VigilConfig } from '../../config/model';
import type { ServerDeps } from '../app';
import type { CellState, GridPage, GridRow } from './contract';
import { cellStates, emptyCounts, loadGridSnapshot } from './grid-model';
import { deploymentParam, intParam, oneOfParam, onlyParams, textParam, withParams } from './grid-params';

export const MAX_PAGE_SIZE = 200;

export type GridFilter = { tag?: string; pageType?: string; deployment?: string; state?: CellState; kind?: string; q?: string };

/** Filter drop-down values: the config does not change while the server runs, so once per config. */
const facetsOf = new WeakMap<VigilConfig, GridPage['facets']>();
function facets(config: VigilConfig): GridPage['facets'] {
  let found = facetsOf.get(config);
  if (!found) {
    const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
    found = {
      tags: sorted(config.checks.flatMap((check) => check.tags)),
      pageTypes: sorted(config.checks.flatMap((check) => (check.pageType ? [check.pageType] : []))),
      kinds: sorted(config.checks.map((check) => check.kind)),
    };
    facetsOf.set(config, found);
  }
  return found;
}

/** Whether a row passes the filter; with a deployment, only that deployment's cell counts for `state`. */
export function matches(row: GridRow, filter: GridFilter): boolean {
  if (filter.tag !== undefined && !row.tags.includes(filter.tag)) return false;
  if (filter.pageType !== undefined && row.pageType !== filter.pageType) return false;
  if (filter.kind !== undefined && row.kind !== filter.kind) return false;
  if (filter.deployment !== undefined && !(filter.deployment in row.cells)) return false;
  if (filter.q !== undefined) {
    const q = filter.q.toLowerCase();
    if (!row.name.toLowerCase().includes(q) && !row.checkId.toLowerCase().includes(q) && !row.summary.toLowerCase().includes(q)) return false;
  }
  if (filter.state !== undefined) {
    const cells = filter.deployment !== undefined ? [row.cells[filter.deployment]] : Object.values(row.cells);
    if (!cells.some((cell) => cell?.state === filter.state)) return false;
  }
  return true;
}

/**
 * GET /grid: the status grid, filtered and paged on the server. `counts` are
 * cells (check × deployment; only the chosen deployment's with `deployment=`)
 * over every row matching the filter, not just this page.
 */
export function gridApi({ config, store }: ServerDeps): Hono {
  const api = new Hono();
  const deploymentNames = config.deployments.map((d) => d.name);
  api.get(
    '/grid',
    withParams(async (c) => {
      onlyParams(c, ['tag', 'pageType', 'deployment', 'state', 'kind', 'q', 'page', 'pageSize']);
      const filter: GridFilter = {
        tag: textParam(c, 'tag'),
        pageType: textParam(c, 'pageType'),
        deployment: deploymentParam(c, deploymentNames),
        state: oneOfParam(c, 'state', cellStates),
        kind: textParam(c, 'kind'),
        q: textParam(c, 'q'),
      };
      const page = intParam(c, 'page', 1, 1, 1_000_000);
      const pageSize = intParam(c, 'pageSize', 50, 1, MAX_PAGE_SIZE);
      const snapshot = await loadGridSnapshot(config, store);
      const matching = snapshot.rows.filter((row) => matches(row, filter));
      const counts = emptyCounts();
      for (const row of matching) {
        for (const [deployment, cell] of Object.entries(row.cells)) {
          if (filter.deployment === undefined || filter.deployment === deployment) counts[cell.state]++;
        }
      }
      const body: GridPage = {
        deployments: snapshot.deployments,
        rows: matching.slice((page - 1) * pageSize, page * pageSize),
        total: matching.length,
        page,
        pageSize,
        counts,
        facets: facets(config),
      };
      return c.json(body);
    }),
  );
  return api;
}
