import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { processTreeMemoryMb } from './process-memory';
import { executableSource, type BrowserSettings } from './settings';

/** Flags for a monitoring browser: headless, quiet (no update checks or sync traffic to skew timings), and able to run as root in a container. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The pool's settings: the config's `browser` section with the environment's overrides applied (see settings.ts). */
export type PoolOptions = BrowserSettings;

/** What the pool is doing, for tests, the bench and logs. */
export type PoolStatus = {
  options: PoolOptions;
  /** Chromium launches so far (restarts after a crash, a recycle or memory growth count). */
  launches: number;
  /** Launches caused by `recycleAboveMb`. */
  memoryRecycles: number;
  /** Most contexts ever open at once. */
  peakActive: number;
  /** The last memory sample of Chromium's process tree, when `recycleAboveMb` is set. */
  lastPssMb?: number;
};

/** Memory is sampled at most this often: reading smaps_rollup of every Chromium process costs a few ms. */
const memorySampleEveryMs = 2_000;

type Instance = { browser: Browser; runs: number; active: number; retired: boolean };

/**
 * One long-lived Chromium shared by every run, a fresh context (no cookies,
 * storage or cache shared) per run. A disconnected browser is replaced on the
 * next run; a browser that served `recycleAfter` runs, or whose processes grew
 * past `recycleAboveMb`, is retired and closed once its last context closes.
 */
export class BrowserPool {
  readonly #options: PoolOptions;
  #current: Instance | undefined;
  #launching: Promise<Instance> | undefined;
  readonly #waiters: Array<() => void> = [];
  #active = 0;
  #closed = false;
  #peakActive = 0;
  #memoryRecycles = 0;
  #lastPssMb: number | undefined;
  #lastSample = Number.NEGATIVE_INFINITY;
  launches = 0;

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  /** Runs `use` with a new context, closing the context afterwards whatever happens. Waits for a free slot first. */
  async withContext<T>(contextOptions: BrowserContextOptions, use: (context: BrowserContext) => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    let instance: Instance | undefined;
    try {
      instance = await this.#instance();
      instance.runs += 1;
      instance.active += 1;
      this.#peakActive = Math.max(this.#peakActive, this.#active);
      const context = await instance.browser.newContext(contextOptions);
      try {
        return await use(context);
      } finally {
        await context.close().catch(() => undefined);
      }
    } finally {
      if (instance) {
        instance.active -= 1;
        this.#checkMemory(instance);
        if (instance.retired && instance.active === 0) await instance.browser.close().catch(() => undefined);
      }
      this.#release();
    }
  }

  /** Launches the browser ahead of the first run, so that run is not charged for the launch. */
  async warm(): Promise<void> {
    await this.#instance();
  }

  status(): PoolStatus {
    return {
      options: this.#options,
      launches: this.launches,
      memoryRecycles: this.#memoryRecycles,
      peakActive: this.#peakActive,
      ...(this.#lastPssMb !== undefined ? { lastPssMb: Math.round(this.#lastPssMb) } : {}),
    };
  }

  get browserVersion(): string | undefined {
    return this.#current?.browser.version();
  }

  async close(): Promise<void> {
    this.#closed = true;
    const current = this.#current ?? (await this.#launching?.catch(() => undefined));
    this.#current = undefined;
    await current?.browser.close().catch(() => undefined);
  }

  async #instance(): Promise<Instance> {
    if (this.#closed) throw new Error('browser pool closed');
    const current = this.#current;
    if (current && current.browser.isConnected() && !current.retired && current.runs < this.#options.recycleAfter) return current;
    if (current) {
      // Retire rather than close: other runs may still be using it.
      current.retired = true;
      this.#current = undefined;
      if (current.active === 0) await current.browser.close().catch(() => undefined);
    }
    // Concurrent first runs share one launch instead of starting several browsers.
    this.#launching ??= this.#launch().finally(() => {
      this.#launching = undefined;
    });
    return this.#launching;
  }

  async #launch(): Promise<Instance> {
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath: this.#options.executablePath,
        args: [...chromiumArgs, ...this.#options.args],
        headless: true,
        timeout: 30_000,
      });
    } catch (error) {
      throw new Error(`could not start Chromium at ${this.#options.executablePath} (set ${executableSource(process.env)}): ${firstLine(error)}`);
    }
    this.launches += 1;
    const instance: Instance = { browser, runs: 0, active: 0, retired: false };
    browser.on('disconnected', () => {
      if (this.#current === instance) this.#current = undefined;
    });
    this.#current = instance;
    return instance;
  }

  /**
   * Retires the browser when Chromium's process tree (below this worker
   * process, which only runs Chromium) holds more than `recycleAboveMb`. The
   * next run launches a fresh one; this one closes when its last run ends.
   */
  #checkMemory(instance: Instance): void {
    const limit = this.#options.recycleAboveMb;
    if (limit === undefined || instance.retired || performance.now() - this.#lastSample < memorySampleEveryMs) return;
    this.#lastSample = performance.now();
    const memory = processTreeMemoryMb(process.pid);
    if (!memory) return;
    this.#lastPssMb = memory.pssMb;
    if (memory.pssMb > limit && this.#current === instance) {
      instance.retired = true;
      this.#memoryRecycles += 1;
    }
  }

  async #acquire(signal?: AbortSignal): Promise<void> {
    if (this.#active < this.#options.concurrency) {
      this.#active += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.#waiters.indexOf(wake);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('cancelled while waiting for a free browser slot'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(wake);
    });
  }

  #release(): void {
    // Hand the slot straight to the next waiter so #active never dips and lets a newcomer jump the queue.
    const next = this.#waiters.shift();
    if (next) next();
    else this.#active -= 1;
  }
}

export function firstLine(error: unknown): string {
  return withoutAnsi(error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/** Playwright colours its call logs; a stored error is plain text. */
export function withoutAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
