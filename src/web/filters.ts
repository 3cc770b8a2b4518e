import type { CellState } from '../server/api/contract';

/** The grid's filters as the page holds them; the URL's query string mirrors them so a view can be shared or reloaded. */
export type GridFilters = {
  tag: string;
  pageType: string;
  deployment: string;
  state: CellState | '';
  kind: string;
  q: string;
  page: number;
  pageSize: number;
};

export const cellStates = ['up', 'degraded', 'confirming', 'down', 'maintenance', 'unknown'] as const satisfies readonly CellState[];

export const defaultFilters: GridFilters = { tag: '', pageType: '', deployment: '', state: '', kind: '', q: '', page: 1, pageSize: 50 };

const pageSizes = [25, 50, 100, 200];

const positive = (raw: string | null, fallback: number) => {
  const value = Number(raw);
  return raw !== null && Number.isInteger(value) && value >= 1 ? value : fallback;
};

/** Reads filters from a query string; anything unknown or malformed falls back to the default rather than failing. */
export function filtersFromSearch(search: string): GridFilters {
  const params = new URLSearchParams(search);
  const text = (name: string) => (params.get(name) ?? '').trim();
  const state = text('state');
  const pageSize = positive(params.get('pageSize'), defaultFilters.pageSize);
  return {
    tag: text('tag'),
    pageType: text('pageType'),
    deployment: text('deployment'),
    state: (cellStates as readonly string[]).includes(state) ? (state as CellState) : '',
    kind: text('kind'),
    q: text('q'),
    page: positive(params.get('page'), 1),
    pageSize: pageSizes.includes(pageSize) ? pageSize : defaultFilters.pageSize,
  };
}

/** Writes only what differs from the defaults, in a fixed order, so equal filters give equal URLs. */
export function searchFromFilters(filters: GridFilters): string {
  const params = new URLSearchParams();
  for (const name of ['tag', 'pageType', 'deployment', 'state', 'kind', 'q'] as const) {
    if (filters[name] !== '') params.set(name, filters[name]);
  }
  if (filters.page !== 1) params.set('page', String(filters.page));
  if (filters.pageSize !== defaultFilters.pageSize) params.set('pageSize', String(filters.pageSize));
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Changing any filter but the page goes back to page 1: page 7 of the old filter means nothing under the new one. */
export function withFilter(filters: GridFilters, change: Partial<GridFilters>): GridFilters {
  const next = { ...filters, ...change };
  if (change.page === undefined) next.page = 1;
  return next;
}

/** The query the grid endpoint takes: the filters plus page and pageSize always. */
export function gridQuery(filters: GridFilters): string {
  const search = searchFromFilters(filters);
  const params = new URLSearchParams(search);
  params.set('page', String(filters.page));
  params.set('pageSize', String(filters.pageSize));
  return `?${params.toString()}`;
}
