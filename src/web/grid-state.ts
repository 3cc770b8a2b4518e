import type { CellState, GridCell, GridPage } from '../server/api/contract';

/** What the grid shows: the page the server sent, patched in place by live events. */
export type GridAction = { type: 'loaded'; page: GridPage } | { type: 'cell'; cell: GridCell };

/**
 * Applies one action. A `cell` event replaces that cell where it is on screen,
 * keeps every other row and cell object identical (so React redraws one cell,
 * not the grid) and moves the counts from the old state to the new one.
 * A cell that is not on this page changes nothing: the server's counts cover
 * checks we do not hold, and guessing whether they match the filter would lie.
 */
export function gridReducer(state: GridPage | null, action: GridAction): GridPage | null {
  if (action.type === 'loaded') return action.page;
  if (!state) return state;
  const { cell } = action;
  const index = state.rows.findIndex((row) => row.checkId === cell.checkId);
  const row = index === -1 ? undefined : state.rows[index];
  const previous = row?.cells[cell.deployment];
  if (!row || !previous) return state;
  // Events can arrive out of order after a reconnect: an older run must not overwrite a newer one.
  if (previous.lastRunAt !== null && cell.lastRunAt !== null && cell.lastRunAt < previous.lastRunAt) return state;
  if (sameCell(previous, cell)) return state;
  const rows = state.rows.slice();
  rows[index] = { ...row, cells: { ...row.cells, [cell.deployment]: cell } };
  return { ...state, rows, counts: movedCount(state.counts, previous.state, cell.state) };
}

function sameCell(a: GridCell, b: GridCell): boolean {
  return a.state === b.state && a.lastRunAt === b.lastRunAt && a.durationMs === b.durationMs && a.error === b.error;
}

function movedCount(counts: Record<CellState, number>, from: CellState, to: CellState): Record<CellState, number> {
  if (from === to) return counts;
  return { ...counts, [from]: Math.max(0, counts[from] - 1), [to]: counts[to] + 1 };
}
