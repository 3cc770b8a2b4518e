import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { summarizeFailures } from '../checks/assertions';
import { stepLabel } from '../checks/browser/definition';
import type { Observation } from '../domain/check-result';
import { runEvidenceDir } from './evidence';
import type { FlowContext, FlowModule, StepOptions } from './flow-api';
import { judge } from './judge';
import { extractFromPage } from '../checks/extract/from-page';
import { PageWatch, prepareContext, withinMs } from './page-watch';
import { firstLine, withoutAnsi } from './pool';
import type { FlowJob, StepRecord } from './protocol';
import { isSpecFile } from './playwright-test/load';
import { runSpec } from './playwright-test/run';
import { navigate, runStep, StepError } from './steps';

/** A step waits at most this long unless it sets its own `timeout`, so a broken button fails in seconds, not at the check's timeout. */
const defaultStepTimeoutMs = 10_000;

/** A slice of the run's time kept for the screenshot, the trace and the cleanup, which matter most when the flow is stuck. */
export function evidenceReserveMs(timeoutMs: number): number {
  return Math.min(4_000, timeoutMs * 0.25);
}

type Failure = { step: string; message: string; selector?: string };

/** Internal step options: `since` backdates the start (a spec's test without steps), `skipped` records a skipped step. */
type StepRunOptions = StepOptions & { since?: number; skipped?: boolean };

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Runs one browser check in a fresh context: the start page, the steps or the
 * script, the assertions; on failure the evidence; then the cleanup. Always
 * returns an Observation, also when the flow overruns its time (the page is
 * captured while the stuck step is still waiting).
 */
export async function runFlow(context: BrowserContext, job: FlowJob, signal: AbortSignal, browserVersion?: string): Promise<Observation> {
  const started = performance.now();
  const startedAt = Date.now();
  const { spec } = job;
  const flowBudgetMs = Math.max(0, job.deadline - evidenceReserveMs(job.timeoutMs) - Date.now());
  const keepEvidence = spec.evidence !== 'off' && job.artifactsDir !== undefined;
  const tracing = keepEvidence && (spec.evidence === 'trace-every-run' || (spec.evidence === 'on-failure' && job.trace));

  await prepareContext(context);
  if (tracing) await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  const watch = new PageWatch(page, new URL(job.baseUrl).origin);
  const steps: StepRecord[] = [];
  let current: { name: string; since: number } | undefined;
  // Time spent outside any step that still belongs to a named part (a spec's test between its steps).
  let outside: { name: string; since: number } | undefined;
  let failure: Failure | undefined;
  let finished = false;
  let flowModule: FlowModule | undefined;

  const remaining = () => Math.max(100, flowBudgetMs - (performance.now() - started));
  const stepTimeout = (own?: number) => Math.round(Math.min(own ?? defaultStepTimeoutMs, remaining()));
  page.setDefaultTimeout(defaultStepTimeoutMs);

  const step = async <T,>(name: string, fn: () => Promise<T>, options?: StepRunOptions): Promise<T | undefined> => {
    if (options?.skipped || (options?.production === false && job.isProduction)) {
      steps.push({ name, ok: true, durationMs: 0, skipped: true });
      return undefined;
    }
    current = { name, since: options?.since ?? performance.now() };
    // Script steps use Playwright's own waits: bound them by what is left of the run, as declarative steps are.
    page.setDefaultTimeout(stepTimeout());
    try {
      const value = await fn();
      if (!finished) steps.push({ name, ok: true, durationMs: round(performance.now() - current.since) });
      return value;
    } catch (error) {
      const selector = error instanceof StepError ? error.selector : waitedFor(error);
      const message = error instanceof StepError ? error.message : describeFailure(error, selector);
      // After a timeout the run is already written up; a late rejection from the abandoned step adds nothing.
      if (!finished) {
        steps.push({ name, ok: false, durationMs: round(performance.now() - current.since), error: message });
        failure ??= { step: name, message, ...(selector ? { selector } : {}) };
      }
      throw error;
    } finally {
      current = undefined;
    }
  };

  const body = async () => {
    const start = spec.url ?? spec.path ?? (spec.steps || spec.script ? undefined : '/');
    if (start) await step(`load ${start}`, () => navigate(page, start, job.baseUrl, stepTimeout()));
    for (const each of spec.steps ?? []) {
      await step(stepLabel(each), () => runStep(page, each, job.baseUrl, stepTimeout(each.timeout)), { production: each.production });
    }
    if (spec.script && isSpecFile(spec.script)) {
      await runSpec(spec.script, {
        page,
        context,
        baseUrl: job.baseUrl,
        isProduction: job.isProduction,
        step,
        outside: (name, since) => (outside = name === undefined ? undefined : { name, since: since ?? performance.now() }),
      });
    } else if (spec.script) {
      flowModule = (await import(pathToFileURL(spec.script).href)) as FlowModule;
      const flow = flowModule.flow ?? flowModule.default;
      if (typeof flow !== 'function') throw new Error(`${spec.script} exports no flow function (export async function flow({ page, step }))`);
      const ctx: FlowContext = { page, step, baseUrl: job.baseUrl, deployment: job.deployment, isProduction: job.isProduction };
      await flow(ctx);
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const overrun = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${Math.round(performance.now() - started)}ms (check timeout ${job.timeoutMs}ms, the rest kept for evidence)`), flowBudgetMs);
    onAbort = () => resolve(signal.reason instanceof Error ? signal.reason.message : 'cancelled');
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // Both outcomes are handled here, so the body left running after an overrun cannot reject unobserved when the context closes.
  const running = body().then(
    () => undefined,
    (error: unknown) => {
      failure ??= { step: current?.name ?? outside?.name ?? 'flow', message: firstLine(error) };
    },
  );
  const overran = await Promise.race([running.then(() => undefined), overrun]);
  finished = true;
  clearTimeout(timer);
  if (onAbort) signal.removeEventListener('abort', onAbort);
  if (overran !== undefined && !failure) {
    const open = current ?? outside;
    const name = open?.name ?? 'flow';
    if (open) steps.push({ name, ok: false, durationMs: round(performance.now() - open.since), error: overran });
    failure = { step: name, message: overran };
  }

  await watch.snapshot();
  const judged = await judge(spec.assertions ?? [], watch, page, !failure);
  const extracted = spec.extract && !page.isClosed() ? await extractFromPage(page, spec.extract) : undefined;
  const ok = !failure && judged.every((result) => result.ok);
  const durationMs = round(performance.now() - started);

  const artifacts = ok || !keepEvidence ? undefined : await saveEvidence(page, context, job, startedAt, tracing);
  if (ok && tracing) await context.tracing.stop().catch(() => undefined);
  const cleanup = await runCleanup(page, context, job, flowModule);

  const pages = watch.pages;
  const assertionError = summarizeFailures(judged);
  let error: string | undefined;
  if (failure) {
    const consoleNote = watch.consoleErrors[0] ? `; console: ${watch.consoleErrors[0]}` : '';
    error = `step "${failure.step}" failed: ${failure.message}${consoleNote}`;
  } else if (!ok) error = assertionError;
  return {
    ok,
    durationMs,
    phases: { ...(pages[0]?.ttfbMs !== undefined ? { firstByte: pages[0].ttfbMs } : {}), total: durationMs },
    ...(error ? { error } : {}),
    assertions: judged.map(({ failure: _failure, ...stored }) => stored),
    details: {
      steps,
      ...(failure ? { failedStep: failure.step, ...(failure.selector ? { selector: failure.selector } : {}) } : {}),
      web: pages[0],
      pages,
      finalUrl: page.isClosed() ? undefined : page.url(),
      consoleErrors: watch.consoleErrors,
      failedRequests: watch.failedRequests,
      ...(artifacts ? { artifacts } : {}),
      ...(cleanup ? { cleanup } : {}),
      ...(browserVersion ? { browser: browserVersion } : {}),
      ...(extracted ? { extracted } : {}),
    },
  };
}

/**
 * One line for a failed step. Playwright's `expect` puts the story on several
 * lines (`expect(locator).toBeVisible() failed`, `Locator: …`, `Expected: …`,
 * `Error: element(s) not found`, `Timeout: 5000ms`); they are joined.
 */
function describeFailure(error: unknown, selector: string | undefined): string {
  const first = firstLine(error);
  const text = error instanceof Error ? withoutAnsi(error.message) : '';
  if (!/^expect\(/.test(first)) return `${first}${selector ? ` (waiting for ${selector})` : ''}`;
  const field = (label: string) => new RegExp(`^${label}(?: [a-z]+)?:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
  const parts = [
    field('Locator') && `locator ${field('Locator')}`,
    field('Expected') && `expected ${field('Expected')}`,
    field('Received') && `received ${field('Received')}`,
    field('Error'),
    field('Timeout') && `after ${field('Timeout')}`,
  ].filter(Boolean);
  return parts.length > 0 ? `${first}: ${parts.join(', ')}` : first;
}

/** The locator a Playwright error was waiting for, from its call log (`- waiting for getByTestId('cart-confirmation') to be visible`). */
function waitedFor(error: unknown): string | undefined {
  const message = error instanceof Error ? withoutAnsi(error.message) : '';
  return /waiting for (.+?)(?: to be \w+)?\s*$/m.exec(message)?.[1];
}

async function saveEvidence(page: Page, context: BrowserContext, job: FlowJob, startedAt: number, tracing: boolean): Promise<Record<string, string>> {
  const dir = await runEvidenceDir(job.artifactsDir!, job.deployment, startedAt);
  const saved: Record<string, string> = { dir };
  const screenshot = join(dir, 'screenshot.png');
  // Playwright's screenshot waits for a pending navigation to settle; a stuck page is exactly when we need the picture,
  // so fall back to asking Chromium directly for what is on screen.
  const taken = await page
    .screenshot({ path: screenshot, timeout: 1_500 })
    .then(() => true)
    .catch(() => false);
  if (taken) saved.screenshot = screenshot;
  else {
    await captureScreen(page, context, screenshot)
      .then(() => (saved.screenshot = screenshot))
      .catch((error: unknown) => (saved.screenshotError = firstLine(error)));
  }
  if (tracing) {
    const trace = join(dir, 'trace.zip');
    await context.tracing
      .stop({ path: trace })
      .then(() => (saved.trace = trace))
      .catch((error: unknown) => (saved.traceError = firstLine(error)));
  }
  return saved;
}

async function captureScreen(page: Page, context: BrowserContext, file: string): Promise<void> {
  const session = await context.newCDPSession(page);
  try {
    const shot = (await withinMs(2_000, session.send('Page.captureScreenshot', { format: 'png' }))) as { data: string } | undefined;
    if (!shot) throw new Error('Chromium did not return a screenshot within 2s');
    await writeFile(file, Buffer.from(shot.data, 'base64'));
  } finally {
    // Not awaited: detaching waits for a pending navigation to settle, and closing the context ends the session anyway.
    void session.detach().catch(() => undefined);
  }
}

/** Runs after every run, passed or failed, in the run's own session (its cookies name the cart to empty). */
async function runCleanup(page: Page, context: BrowserContext, job: FlowJob, flowModule: FlowModule | undefined): Promise<{ ok: boolean; error?: string } | undefined> {
  const { cleanup } = job.spec;
  if (!cleanup && !flowModule?.cleanup) return undefined;
  try {
    for (const request of cleanup?.requests ?? []) {
      const response = await context.request.fetch(new URL(request.path, job.baseUrl).href, {
        method: request.method,
        headers: request.headers,
        data: request.body,
        timeout: 5_000,
      });
      if (response.status() >= 400) throw new Error(`${request.method} ${request.path} answered ${response.status()}`);
    }
    const hooks = [flowModule?.cleanup];
    if (cleanup?.script) hooks.push(((await import(pathToFileURL(cleanup.script).href)) as FlowModule).cleanup);
    for (const hook of hooks) if (hook) await hook({ page, request: context.request, baseUrl: job.baseUrl });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: firstLine(error) };
  }
}
