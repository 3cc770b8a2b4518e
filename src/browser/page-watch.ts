import type { BrowserContext, Page } from 'playwright-core';
import type { PageTimings } from './protocol';

const keep = 20;

export type FailedRequest = { method: string; url: string; status?: number; failure?: string; sameOrigin: boolean };

/** Prefix of the console message by which a page reports its own figures (see pageFigures). */
const reportPrefix = '__vigil_figures:';

type Figures = { timeOrigin: number; url: string; ttfb?: number; dcl?: number; load?: number; lcp?: number; weight: number; requests: number };

/**
 * Installed before any page script runs. Chromium only reports Largest
 * Contentful Paint to an observer, so one listens from the document's start.
 * Each document reports its own figures, pushed rather than pulled: after
 * `load`, again when LCP or a request comes after load, and on `pagehide`
 * (when Chromium still delivers it). The report is a console message, which costs the flow no round trip
 * to the page (asking the page after every step cost 10-30 ms a step); the
 * original console.debug is kept, so a site that silences the console in
 * production does not silence us.
 */
const pageFigures = `(() => {
  const report = console.debug.bind(console);
  let lcp;
  let loaded = false;
  try {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      const last = entries[entries.length - 1];
      if (last) lcp = last.startTime;
      // LCP often comes after load: report again with it.
      if (loaded) send();
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
  const figures = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    let weight = nav ? nav.transferSize : 0;
    for (const entry of resources) weight += entry.transferSize;
    return {
      timeOrigin: performance.timeOrigin,
      url: location.href,
      ttfb: nav && nav.responseStart > 0 ? nav.responseStart - nav.requestStart : undefined,
      dcl: nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : undefined,
      load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : undefined,
      lcp,
      weight,
      requests: 1 + resources.length,
    };
  };
  Object.defineProperty(window, '__vigilFigures', { value: figures });
  const send = () => { try { if (location.href !== 'about:blank') report(${JSON.stringify(reportPrefix)} + JSON.stringify(figures())); } catch {} };
  // Requests after load (add to cart, a lazy image) count towards the page's weight: report again when one ends.
  try {
    new PerformanceObserver(() => { if (loaded) send(); }).observe({ type: 'resource' });
  } catch {}
  addEventListener('load', () => setTimeout(() => { loaded = true; send(); }, 0));
  addEventListener('pagehide', send);
})();`;

export async function prepareContext(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: pageFigures });
}

/**
 * Everything a person would notice going wrong on the page (console errors,
 * uncaught exceptions, failed requests) plus the timings of each document
 * loaded during the run, as the documents report them.
 */
export class PageWatch {
  readonly consoleErrors: string[] = [];
  readonly failedRequests: FailedRequest[] = [];
  sameOriginFailures = 0;
  readonly #pages = new Map<number, PageTimings>();

  constructor(
    private readonly page: Page,
    private readonly origin: string,
  ) {
    page.on('console', (message) => {
      const type = message.type();
      if (type === 'error') this.#push(this.consoleErrors, message.text());
      else if (type === 'debug') {
        const text = message.text();
        if (text.startsWith(reportPrefix)) this.#record(JSON.parse(text.slice(reportPrefix.length)) as Figures);
      }
    });
    page.on('pageerror', (error) => this.#push(this.consoleErrors, `uncaught ${error.name}: ${error.message}`));
    page.on('requestfailed', (request) => {
      this.#failed({ method: request.method(), url: request.url(), failure: request.failure()?.errorText ?? 'failed' });
    });
    page.on('response', (response) => {
      if (response.status() >= 400) this.#failed({ method: response.request().method(), url: response.url(), status: response.status() });
    });
  }

  /**
   * Asks the current document for its figures (the last document never sends
   * its pagehide report before we judge). Bounded in time: during a pending
   * navigation `evaluate` waits for the next document, which may never come.
   */
  async snapshot(): Promise<void> {
    const figures = await withinMs(
      1_000,
      this.page.evaluate(() => (window as unknown as { __vigilFigures?: () => Figures }).__vigilFigures?.()).catch(() => undefined), // the page navigated or closed meanwhile
    );
    if (figures) this.#record(figures);
  }

  #record(figures: Figures): void {
    if (figures.url === 'about:blank') return;
    const round = (value: number | undefined) => (value === undefined || value === null ? undefined : Math.round(value * 10) / 10);
    // A later report of the same document (pagehide after load) replaces the earlier, less complete one.
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

  get pages(): PageTimings[] {
    return [...this.#pages.values()];
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
