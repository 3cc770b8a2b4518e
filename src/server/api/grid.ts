import { Hono } from 'hono';
import type { Check, VigilConfig } from '../../config/model';
import type { ServerDeps } from '../app';
import type { CellState, GridPage } from './contract';
import { cellStates, emptyCounts, loadGridSnapshot, type GridSnapshot } from './grid-model';
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

/** What `q` searches, lower-cased once per check rather than once per request. */
const searchText = new WeakMap<Check, string>();
function searchTextOf(check: Check): string {
  let text = searchText.get(check);
  if (text === undefined) searchText.set(check, (text = `${check.id}\n${check.summary}`.toLowerCase()));
  return text;
}

/** Whether a check passes the filter; with a deployment, only that deployment's cell counts for `state`. */
export function matches(snapshot: GridSnapshot, index: number, filter: GridFilter): boolean {
  const check = snapshot.checks[index]!;
  if (filter.tag !== undefined && !check.tags.includes(filter.tag)) return false;
  if (filter.pageType !== undefined && check.pageType !== filter.pageType) return false;
  if (filter.kind !== undefined && check.kind !== filter.kind) return false;
  if (filter.deployment !== undefined && !check.deployments.includes(filter.deployment)) return false;
  if (filter.q !== undefined && !searchTextOf(check).includes(filter.q.toLowerCase())) return false;
  if (filter.state !== undefined) {
    const deployments = filter.deployment !== undefined ? [filter.deployment] : check.deployments;
    if (!deployments.some((deployment) => snapshot.stateOf(index, deployment) === filter.state)) return false;
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
      const matching: number[] = [];
      const counts = emptyCounts();
      for (let index = 0; index < snapshot.checks.length; index++) {
        if (!matches(snapshot, index, filter)) continue;
        matching.push(index);
        for (const deployment of filter.deployment !== undefined ? [filter.deployment] : snapshot.checks[index]!.deployments) {
          const state = snapshot.stateOf(index, deployment);
          if (state !== undefined) counts[state]++;
        }
      }
      const body: GridPage = {
        deployments: snapshot.deployments,
        rows: matching.slice((page - 1) * pageSize, page * pageSize).map((index) => snapshot.row(index)),
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
