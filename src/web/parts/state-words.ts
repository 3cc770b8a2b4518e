import type { CellState } from '../../server/api/contract';

export const stateWords: Record<CellState, string> = {
  up: 'up',
  degraded: 'degraded',
  confirming: 'confirming',
  down: 'down',
  maintenance: 'maintenance',
  unknown: 'unknown',
};
