import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Observation } from '../domain/check-result';
import type { PoolStatus } from './pool';
import type { FlowJob, FromWorker, ToWorker } from './protocol';
import type { BrowserSettings } from './settings';

const entry = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
// The worker is TypeScript like the rest of Vigil; load tsx by absolute path so it is found whatever the working directory.
const tsxLoader = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs')).href;

/** How long a cancelled run may take to send back its evidence before we stop waiting. */
const cancelGraceMs = 5_000;

type Pending = { resolve(observation: Observation): void; started: number };

/**
 * The scheduler's side of the browser worker: forks it on first use, sends
 * jobs, matches answers by id. A worker that dies fails the runs it had with
 * a clear reason and is forked again for the next run. While nothing is
 * pending the child is unref'd, so an idle worker never keeps the process alive.
 */
export class BrowserWorker {
  #child: ChildProcess | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  readonly #env: NodeJS.ProcessEnv;
  readonly #statusWaiters = new Map<number, { resolve(status: PoolStatus): void; reject(error: Error): void }>();
  /** Workers started so far (a restart after a crash counts). */
  starts = 0;

  /**
   * `settings`: the config's `browser` section (the worker applies the VIGIL_* env overrides on top);
   * `env`: extra environment for the worker process.
   */
  constructor(options: { env?: NodeJS.ProcessEnv; settings?: BrowserSettings } = {}) {
    this.#env = { ...process.env, ...options.env, ...(options.settings ? { VIGIL_BROWSER_SETTINGS: JSON.stringify(options.settings) } : {}) };
  }

  /** The worker's process id (Chromium runs as its child), undefined before the first run. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  run(job: Omit<FlowJob, 'id'>, signal?: AbortSignal): Promise<Observation> {
    const id = this.#nextId++;
    const child = this.#ensureChild();
    return new Promise<Observation>((resolve) => {
      let graceTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        const reason = signal?.reason instanceof Error ? signal.reason.message : 'cancelled';
        this.#send(child, { type: 'cancel', id, reason });
        // The worker answers a cancel with the evidence of the stuck run; if it is itself stuck, give up on it.
        graceTimer = setTimeout(() => this.#settle(id, { ok: false, durationMs: 0, error: `${reason} (the browser worker did not answer)`, assertions: [] }), cancelGraceMs);
        graceTimer.unref();
      };
      this.#pending.set(id, {
        started: performance.now(),
        resolve: (observation) => {
          clearTimeout(graceTimer);
          signal?.removeEventListener('abort', onAbort);
          resolve(observation);
        },
      });
      this.#updateRef();
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      this.#send(child, { type: 'run', job: { ...job, id } });
    });
  }

  /** Starts the worker and its Chromium now rather than on the first run (which would otherwise pay for both). */
  warm(): void {
    this.#send(this.#ensureChild(), { type: 'warm' });
    this.#updateRef();
  }

  /** The worker's pool: the settings it applied, launches, peak contexts, last memory sample. */
  status(): Promise<PoolStatus> {
    const id = this.#nextId++;
    const child = this.#ensureChild();
    return new Promise<PoolStatus>((resolve, reject) => {
      this.#statusWaiters.set(id, { resolve, reject });
      this.#updateRef();
      this.#send(child, { type: 'status', id });
    });
  }

  /** Stops the worker (it closes Chromium on the way out) and fails whatever was still running. */
  async close(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  #ensureChild(): ChildProcess {
    if (this.#child && this.#child.exitCode === null && this.#child.signalCode === null && this.#child.connected) return this.#child;
    const child = fork(entry, [], {
      execArgv: ['--import', tsxLoader],
      env: this.#env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.starts += 1;
    this.#child = child;
    child.on('message', (message: FromWorker) => {
      if (message.type === 'result') this.#settle(message.id, message.observation);
      else if (message.type === 'status') {
        this.#statusWaiters.get(message.id)?.resolve(message.status);
        this.#statusWaiters.delete(message.id);
        this.#updateRef();
      }
    });
    child.on('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      for (const waiter of this.#statusWaiters.values()) waiter.reject(new Error(`browser worker ${how}`));
      this.#statusWaiters.clear();
      for (const [id, pending] of this.#pending) {
        this.#settle(id, {
          ok: false,
          durationMs: Math.round(performance.now() - pending.started),
          error: `browser worker ${how} during the run; a new one starts for the next run`,
          assertions: [],
        });
      }
    });
    // A failed send surfaces as 'exit' as well; without a listener an 'error' event would crash the scheduler's process.
    child.on('error', () => undefined);
    return child;
  }

  #send(child: ChildProcess, message: ToWorker): void {
    if (child.connected) child.send(message, (error) => error && undefined);
  }

  #settle(id: number, observation: Observation): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    pending.resolve(observation);
    this.#updateRef();
  }

  #updateRef(): void {
    const child = this.#child;
    if (!child) return;
    if (this.#pending.size > 0 || this.#statusWaiters.size > 0) {
      child.ref();
      child.channel?.ref();
    } else {
      child.unref();
      child.channel?.unref();
    }
  }
}
