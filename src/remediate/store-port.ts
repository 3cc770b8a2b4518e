import type { TimelineEntry } from '../incidents/model';
import type { Attempt, AttemptPatch, AttemptStatus, NewAttempt } from './attempt';

/** The remediation aggregate of the store: the audit log of action attempts. */
export type RemediationStore = {
  /**
   * Inserts an attempt and its incident timeline entries in one transaction.
   * Returns undefined, writing nothing, when `claimKey` is already held.
   */
  recordAttempt(attempt: NewAttempt, timeline: TimelineEntry[]): Promise<Attempt | undefined>;
  /** Updates an attempt and adds its timeline entries in one transaction. */
  updateAttempt(id: number, patch: AttemptPatch, timeline: TimelineEntry[]): Promise<void>;
  /**
   * Marks a `running` attempt failed with `reason` and releases its claim, adding the timeline
   * entries, in one transaction; only if it is still running (a provider call that just finished
   * wins). Returns whether it changed.
   */
  markInterrupted(id: number, reason: string, finishedAt: number, timeline: TimelineEntry[]): Promise<boolean>;
  /** Newest first; default 100, at most 1000. */
  listAttempts(query?: { incidentId?: number; action?: string; status?: AttemptStatus; limit?: number }): Promise<Attempt[]>;
};
