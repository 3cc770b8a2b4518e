import type { AlertWrites } from '../notify/outbox';
import type { HeartbeatState, Ping } from './model';

export type StoredPing = Ping & { id: number };

/** The heartbeats aggregate of the store. */
export type HeartbeatStore = {
  /** Stores pings and the states they produced in one transaction: an acknowledged ping is a stored ping. */
  writePings(pings: Ping[], states: HeartbeatState[]): Promise<void>;
  heartbeatStates(): Promise<(HeartbeatState & { evaluatedKey?: string })[]>;
  /** Newest first. */
  listPings(query: { heartbeatId?: string; limit?: number }): Promise<StoredPing[]>;
  countPings(): Promise<number>;
  /** Deletes pings received before `before` (epoch ms), in chunks; returns how many went. The state rows stay. */
  prunePings(before: number): Promise<number>;
  /**
   * Marks which event of each heartbeat has been fed to the state machine,
   * with the alert writes that feeding caused, in one transaction: after a
   * crash an event is fed again or not at all, never half.
   */
  markEvaluated(marks: { heartbeatId: string; watchedSince: number; key: string }[], alerts: AlertWrites): Promise<void>;
};
