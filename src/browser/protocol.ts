import type { BrowserSpec } from '../checks/browser/definition';
import type { Observation } from '../domain/check-result';
import type { PoolStatus } from './pool';

/**
 * The typed messages between a check runner (in the scheduler's process) and
 * the browser worker process. Only plain data crosses: a spec, a base URL, an
 * Observation back.
 */

export type FlowJob = {
  id: number;
  spec: BrowserSpec;
  /** The deployment's base URL, e.g. `http://127.0.0.1:4101`. */
  baseUrl: string;
  deployment: string;
  /** False only on the check's `testDeployments`: steps marked `production: false` run only then. */
  isProduction: boolean;
  /** The whole run, evidence included, must fit in this. */
  timeoutMs: number;
  /** Epoch ms when the scheduler gives up on the run (sent time + timeout): time spent queued for a browser counts. */
  deadline: number;
  /** This check's evidence folder; a failed run writes `<dir>/<timestamp>-<deployment>/`. Unset: no files kept. */
  artifactsDir?: string;
  /** Record a Playwright trace: the previous run of this check on this deployment failed (or the check traces every run). */
  trace: boolean;
};

export type ToWorker = { type: 'run'; job: FlowJob } | { type: 'cancel'; id: number; reason: string } | { type: 'warm' } | { type: 'status'; id: number };

export type FromWorker = { type: 'result'; id: number; observation: Observation } | { type: 'status'; id: number; status: PoolStatus };

/** What each step of a run did, stored in `details.steps`. */
export type StepRecord = {
  name: string;
  ok: boolean;
  durationMs: number;
  error?: string;
  /** A `production: false` step not run on a production deployment. */
  skipped?: true;
};

/** Navigation and size figures of one loaded document, stored in `details.pages`. */
export type PageTimings = {
  url: string;
  /** Request start to first response byte of the document. */
  ttfbMs?: number;
  domContentLoadedMs?: number;
  loadMs?: number;
  lcpMs?: number;
  /** Document plus resources, bytes over the wire (cross-origin resources without Timing-Allow-Origin count as 0). */
  weightBytes: number;
  requests: number;
};
