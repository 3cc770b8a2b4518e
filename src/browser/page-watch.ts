import type { BrowserContext, Page } from 'playwright-core';
import type { PageTimings } from './protocol';

const keep = 20;

export type FailedRequest = { method: string; url: string; status?: number; failure?: string; sameOrigin: boolean };

/**
 * Installed before any page loads: Chromium only reports Largest Contentful
 * Paint to an observer, so one must be listening from the document's start.
 */
const lcpObserver = `(() => {
  window.__vigilLcp = undefined;
  try {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      const last = entries[entries.length - 1];
      if (last) window.__vigilLcp = last.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
})();`;

export async function prepareContext(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: lcpObserver });
}

/**
 * Everything a person would notice going wrong on the page (console errors,
 * uncaught exceptions, failed requests) plus the timings of each document
 * loaded during the run.
 */
export class PageWatch {
  readonly consoleErrors: string[] = [];
  readonly failedRequests: FailedRequest[] = [];
  sameOriginFailures = 0;
  readonly #pages = new Map<number, PageTimings>();
  // Snapshots started from event handlers; awaited in settle() so none is left dangling.
  readonly #pending = new Set<Promise<void>>();

  constructor(
    private readonly page: Page,
    private readonly origin: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.#push(this.consoleErrors, message.text());
    });
    page.on('pageerror', (error) => this.#push(this.consoleErrors, `uncaught ${error.name}: ${error.message}`));
    page.on('requestfailed', (request) => {
      this.#failed({ method: request.method(), url: request.url(), failure: request.failure()?.errorText ?? 'failed' });
    });
    page.on('response', (response) => {
      if (response.status() >= 400) this.#failed({ method: response.request().method(), url: response.url(), status: response.status() });
    });
    page.on('load', () => this.#track(this.snapshot()));
  }

  /**
   * Records the current document's timings (a later snapshot of the same
   * document replaces an earlier, less complete one). Bounded in time: during a
   * pending navigation `evaluate` waits for the next document, which may never come.
   */
  async snapshot(): Promise<void> {
    const figures = await withinMs(1_000, this.page
      .evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const lcp = (window as unknown as { __vigilLcp?: number }).__vigilLcp;
        return {
          timeOrigin: performance.timeOrigin,
          url: location.href,
          ttfb: nav && nav.responseStart > 0 ? nav.responseStart - nav.requestStart : undefined,
          dcl: nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : undefined,
          load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : undefined,
          lcp,
          weight: (nav?.transferSize ?? 0) + resources.reduce((sum, entry) => sum + entry.transferSize, 0),
          requests: 1 + resources.length,
        };
      })
      .catch(() => undefined)); // the page navigated or closed meanwhile: the next snapshot covers it
    if (!figures || figures.url === 'about:blank') return;
    const round = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 10) / 10);
    this.#pages.set(figures.timeOrigin, {
      url: figures.url,
      ttfbMs: round(figures.ttfb),
      domContentLoadedMs: round(figures.dcl),
      loadMs: round(figures.load),
      lcpMs: round(figures.lcp),
      weightBytes: figures.weight,
      requests: figures.requests,
    });
  }

  async settle(): Promise<void> {
    await withinMs(1_500, Promise.allSettled([...this.#pending]));
  }

  get pages(): PageTimings[] {
    return [...this.#pages.values()];
  }

  #track(promise: Promise<void>): void {
    this.#pending.add(promise);
    void promise.finally(() => this.#pending.delete(promise));
  }

  #failed(request: Omit<FailedRequest, 'sameOrigin'>): void {
    let sameOrigin = false;
    try {
      sameOrigin = new URL(request.url).origin === this.origin;
    } catch {
      // data: and similar URLs have no origin worth judging
    }
    if (sameOrigin) this.sameOriginFailures += 1;
    if (this.failedRequests.length < keep) this.failedRequests.push({ ...request, sameOrigin });
  }

  #push(list: string[], text: string): void {
    if (list.length < keep) list.push(text.length > 300 ? `${text.slice(0, 299)}…` : text);
  }
}

/** The promise's value, or undefined once `ms` pass (the promise must already handle its own rejection). */
export async function withinMs<T>(ms: number, promise: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
