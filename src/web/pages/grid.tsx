import { memo, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { CellState, DeploymentInfo, GridCell, GridPage as GridData, GridRow } from '../../server/api/contract';
import { api } from '../api';
import { cellStates, filtersFromSearch, gridQuery, searchFromFilters, withFilter, type GridFilters } from '../filters';
import { formatDuration } from '../format';
import { gridReducer } from '../grid-state';
import { useLive, useLiveEvents } from '../live';
import { Link, navigate, useLocation } from '../router';
import { stateWords } from '../parts/state-words';

export const interactiveMark = 'vigil:grid-interactive';

/** Checks × deployments, filtered and paged by the server, patched live by `cell` events. */
export function GridPage() {
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const query = gridQuery(filters);
  const [grid, dispatch] = useReducer(gridReducer, null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const { connected, opened } = useLive();
  // After a reconnect, events sent while the stream was down are lost: fetch the page once more. Not on the first connection.
  const resync = Math.max(1, opened);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    void api<GridData>(`/grid${query}`, { signal: controller.signal }).then(
      (page) => {
        dispatch({ type: 'loaded', page });
        setProblem(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setProblem((error as Error).message);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [query, resync]);

  useLiveEvents((event) => {
    if (event.type === 'cell') dispatch({ type: 'cell', cell: event.data });
  });
  // The first moment the grid is usable: rows on screen and live updates flowing. The first-load benchmark reads this mark.
  useEffect(() => {
    if (grid && connected && performance.getEntriesByName(interactiveMark).length === 0) performance.mark(interactiveMark);
  }, [grid, connected]);

  const change = (update: Partial<GridFilters>, replace = false) => navigate(`/${searchFromFilters(withFilter(filters, update))}`, { replace });

  return (
    <section aria-labelledby="grid-title">
      <h1 id="grid-title">Status</h1>
      <Counts counts={grid?.counts} active={filters.state} onPick={(state) => change({ state: state === filters.state ? '' : state })} />
      <Filters filters={filters} grid={grid} onChange={change} />
      {problem && (
        <p className="problem" role="alert">
          Could not load the grid: {problem}
        </p>
      )}
      {grid && <Table grid={grid} busy={loading} />}
      {grid && <Pager total={grid.total} page={filters.page} pageSize={filters.pageSize} onPage={(page) => change({ page })} />}
      {!grid && !problem && <p className="page-message">Loading…</p>}
    </section>
  );
}

function Counts({ counts, active, onPick }: { counts: Record<CellState, number> | undefined; active: CellState | ''; onPick(state: CellState): void }) {
  return (
    <div className="counts" role="group" aria-label="Cells by state (click to filter)">
      {cellStates.map((state) => (
        <button key={state} type="button" className={`count ${state}`} aria-pressed={active === state} onClick={() => onPick(state)}>
          <span className="dot" aria-hidden="true" />
          <strong data-count={state}>{counts ? counts[state] : '…'}</strong> {stateWords[state]}
        </button>
      ))}
    </div>
  );
}

function Filters({ filters, grid, onChange }: { filters: GridFilters; grid: GridData | null; onChange(update: Partial<GridFilters>, replace?: boolean): void }) {
  // Typing updates the URL after a pause, so each keystroke does not ask the server for a new page.
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  // Live events re-render the grid many times a second on a big site: the pause must not restart on each, only on typing.
  const latest = useRef(onChange);
  useLayoutEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (text.trim() === filters.q) return;
    const timer = setTimeout(() => latest.current({ q: text.trim() }, true), 250);
    return () => clearTimeout(timer);
  }, [text, filters.q]);
  const select = (name: 'tag' | 'pageType' | 'kind' | 'deployment', label: string, options: string[]) => (
    <label>
      {label}
      <select value={filters[name]} onChange={(event) => onChange({ [name]: event.target.value })}>
        <option value="">all</option>
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
        {filters[name] && !options.includes(filters[name]) && <option>{filters[name]}</option>}
      </select>
    </label>
  );
  return (
    <form className="filters" role="search" onSubmit={(event) => (event.preventDefault(), onChange({ q: text.trim() }))}>
      <label className="grow">
        Search
        <input type="search" placeholder="name, path, tag…" value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      {select('deployment', 'Deployment', grid?.deployments.map((d) => d.name) ?? [])}
      {select('pageType', 'Page type', grid?.facets.pageTypes ?? [])}
      {select('tag', 'Tag', grid?.facets.tags ?? [])}
      {select('kind', 'Kind', grid?.facets.kinds ?? [])}
      <label>
        State
        <select value={filters.state} onChange={(event) => onChange({ state: event.target.value as CellState | '' })}>
          <option value="">all</option>
          {cellStates.map((state) => (
            <option key={state} value={state}>
              {stateWords[state]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Per page
        <select value={filters.pageSize} onChange={(event) => onChange({ pageSize: Number(event.target.value) })}>
          {[25, 50, 100, 200].map((size) => (
            <option key={size}>{size}</option>
          ))}
        </select>
      </label>
    </form>
  );
}

function Table({ grid, busy }: { grid: GridData; busy: boolean }) {
  if (grid.rows.length === 0) return <p className="page-message" data-grid="ready">No check matches these filters.</p>;
  return (
    <div className="table-wrap">
      <table className="grid" data-grid="ready" aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col">Check</th>
            {grid.deployments.map((deployment) => (
              <th scope="col" key={deployment.name}>
                {deployment.name} <small>{deployment.role}</small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <Row key={row.checkId} row={row} deployments={grid.deployments} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Memoised: a live event replaces one row object, so only that row re-renders.
const Row = memo(function Row({ row, deployments }: { row: GridRow; deployments: DeploymentInfo[] }) {
  const href = `/checks/${encodeURIComponent(row.checkId)}`;
  return (
    <tr>
      <th scope="row">
        <Link to={href}>{row.name}</Link>
        <small className="meta">
          {row.kind} · {row.summary}
          {row.tags.length ? ` · ${row.tags.join(', ')}` : ''}
        </small>
      </th>
      {deployments.map((deployment) => {
        const cell = row.cells[deployment.name];
        return cell ? <Cell key={deployment.name} cell={cell} href={`${href}?deployment=${encodeURIComponent(deployment.name)}`} /> : <td key={deployment.name} className="cell none" aria-label="does not run here" />;
      })}
    </tr>
  );
});

function Cell({ cell, href }: { cell: GridCell; href: string }) {
  const label = `${cell.checkId} on ${cell.deployment}: ${stateWords[cell.state]}${cell.error ? `, ${cell.error}` : ''}`;
  return (
    <td className={`cell ${cell.state}`} data-check={cell.checkId} data-deployment={cell.deployment} data-state={cell.state} title={cell.error ?? undefined}>
      <Link to={href} aria-label={label}>
        <span className="dot" aria-hidden="true" />
        <span className="state">{stateWords[cell.state]}</span>
        <span className="ms">{cell.durationMs === null ? '' : formatDuration(cell.durationMs)}</span>
      </Link>
    </td>
  );
}

function Pager({ total, page, pageSize, onPage }: { total: number; page: number; pageSize: number; onPage(page: number): void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1) return <p className="pager">{total} checks</p>;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span>
        Page {page} of {pages} · {total} checks
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}
