import type { Observation } from '../domain/check-result';
import { evidenceReserveMs, runFlow } from './flow-run';
import { BrowserPool, firstLine } from './pool';
import type { FlowJob, FromWorker, ToWorker } from './protocol';
import { defaultBrowserSettings, withEnvOverrides, type BrowserSettings } from './settings';

/**
 * The browser worker process: owns one warm Chromium (through the pool) and
 * runs the jobs the scheduler's process sends it. Chromium work lives here so
 * a hung or crashed browser can never stall the scheduler's event loop.
 */

// The config's `browser` section comes from the parent (see BrowserWorker); the documented env variables override it.
const configured = process.env.VIGIL_BROWSER_SETTINGS ? (JSON.parse(process.env.VIGIL_BROWSER_SETTINGS) as BrowserSettings) : defaultBrowserSettings;
const poolOptions = withEnvOverrides(configured, process.env);
const pool = new BrowserPool(poolOptions);
const running = new Map<number, AbortController>();

function send(message: FromWorker): void {
  // The parent may be gone (it exits, we follow on 'disconnect'); nothing to tell then.
  if (process.connected) process.send?.(message);
}

/** Runs the job and answers with its Observation (once), as soon as it is known. */
async function run(job: FlowJob): Promise<void> {
  let answered = false;
  const answer = (observation: Observation) => {
    if (answered) return;
    answered = true;
    send({ type: 'result', id: job.id, observation });
  };
  answer(await runJob(job, answer));
}

async function runJob(job: FlowJob, answer: (observation: Observation) => void): Promise<Observation> {
  const controller = new AbortController();
  running.set(job.id, controller);
  const started = performance.now();
  // A run still waiting for a browser when its time is nearly up fails as such, rather than starting with no time left.
  const slotTimer = setTimeout(
    () => controller.abort(new Error(`no free browser slot before the check's timeout (${poolOptions.concurrency} runs at once; raise browser.concurrency or spread the browser checks)`)),
    Math.max(0, job.deadline - evidenceReserveMs(job.timeoutMs) - 1_000 - Date.now()),
  );
  try {
    return await pool.withContext(
      { viewport: job.spec.viewport, baseURL: job.baseUrl, serviceWorkers: 'block' },
      async (context) => {
        clearTimeout(slotTimer);
        const observation = await runFlow(context, job, controller.signal, pool.browserVersion);
        // Answer before the context closes (10-30 ms): the slot stays taken until it has, the caller need not wait.
        answer(observation);
        return observation;
      },
      controller.signal,
    );
  } catch (error) {
    // Reached when no flow ran at all (no browser, no slot) or Chromium died under it.
    const reason = /closed|disconnected|crash/i.test(firstLine(error)) ? `browser crashed or was closed during the run: ${firstLine(error)}` : firstLine(error);
    return { ok: false, durationMs: Math.round(performance.now() - started), error: reason, assertions: [] };
  } finally {
    clearTimeout(slotTimer);
    running.delete(job.id);
  }
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'run') {
    // Not awaited: runs overlap. run() never rejects: runJob turns every failure into an Observation.
    void run(message.job);
  } else if (message.type === 'warm') {
    // A failed launch is reported by the first run that needs the browser.
    void pool.warm().catch(() => undefined);
  } else if (message.type === 'status') {
    send({ type: 'status', id: message.id, status: pool.status() });
  } else if (message.type === 'cancel') {
    running.get(message.id)?.abort(new Error(message.reason));
  }
});

// Playwright can deliver an event for an object it already disposed when a context closes mid-navigation
// ("Object with guid … was not bound"); the connection stays usable, so that one is logged and survived.
// Anything else leaves the worker in an unknown state: exit, and the parent fails the runs in flight and forks a new one.
process.on('uncaughtException', (error) => {
  process.stderr.write(`${JSON.stringify({ level: 50, module: 'browser-worker', msg: 'uncaught exception', err: error.stack ?? String(error) })}\n`);
  if (!/was not bound in the connection/.test(error.message)) void shutdown(70);
});

let exiting = false;
/** Never rejects (pool.close() swallows Chromium's errors), so the signal handlers may leave it running. */
async function shutdown(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  for (const controller of running.values()) controller.abort(new Error('browser worker stopping'));
  await pool.close();
  process.exit(code);
}

// The parent went away (it exited or closed us): close Chromium rather than leave it orphaned.
process.on('disconnect', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
