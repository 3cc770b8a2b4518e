import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { loadSpec } from './load';
import { runningTest, SkipSignal, type Body, type DeclaredTest, type FixtureDefinitions, type RunningTest } from './state';

/** How flow-run lets a spec record steps (see flow-run.ts: the same recorder as script and declarative steps). */
export type SpecRunContext = {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
  isProduction: boolean;
  step<T>(name: string, fn: () => Promise<T>, options?: { production?: boolean; since?: number; skipped?: boolean }): Promise<T | undefined>;
  /** Names the time spent outside any step (hooks, code between steps), so a timeout there is attributed. */
  outside(name: string | undefined, since?: number): void;
};

/** Tests tagged so (or steps whose title carries it) never run against a production deployment. */
const noProduction = /\s*@no-production\b/;

type Counters = { steps: number; stepFailed: boolean; lastEnd?: number };

/**
 * Runs the tests of a spec file in the run's context and page: each top-level
 * `test.step` is a stored step; a test without steps is one step named after
 * it; a failure outside any step is a step named after the test. With several
 * tests in the file, step names start with the test's title path, and cookies
 * are cleared between tests.
 */
export async function runSpec(file: string, run: SpecRunContext): Promise<void> {
  const spec = await loadSpec(file);
  const tests = spec.tests.some((test) => test.only) ? spec.tests.filter((test) => test.only) : spec.tests;
  if (tests.length === 0) throw new Error(`${file} declares no tests (expected test('…', async ({ page }) => { … }))`);
  const several = tests.length > 1;
  const base = builtinFixtures(run);
  const fileInfo = testInfo(file, 'beforeAll', [], [], base);
  let failed: unknown;
  const hookCounters: Counters = { steps: 0, stepFailed: false };
  try {
    for (const hook of spec.beforeAll) await segment(run, 'beforeAll', hookCounters, () => hook(base, fileInfo));
    for (const [index, test] of tests.entries()) {
      if (index > 0) {
        await run.context.clearCookies();
        await run.page.goto('about:blank');
      }
      await runTest(file, test, several ? test.titlePath.join(' › ') : test.title, several ? `${test.titlePath.join(' › ')} › ` : '', base, run);
    }
  } catch (error) {
    failed = error;
  }
  for (const hook of spec.afterAll) {
    await segment(run, 'afterAll', hookCounters, () => hook(base, fileInfo)).catch((error: unknown) => (failed ??= error));
  }
  if (failed !== undefined) throw failed;
}

async function runTest(file: string, test: DeclaredTest, name: string, prefix: string, base: Record<string, unknown>, run: SpecRunContext): Promise<void> {
  const skipped = async (reason?: string) => {
    await run.step(reason ? `${name} (skipped: ${reason})` : name, async () => undefined, { skipped: true });
  };
  if (test.tags.includes('@no-production') && run.isProduction) return void (await run.step(name, async () => undefined, { production: false }));
  for (const rule of test.skip) {
    if (!rule.when || rule.when(base)) return skipped(rule.reason);
  }
  const counters: Counters = { steps: 0, stepFailed: false };
  const started = performance.now();
  const info = testInfo(file, test.title, test.titlePath, test.tags, base);
  const store: RunningTest = {
    title: test.title,
    titlePath: test.titlePath,
    info,
    depth: 0,
    step: async (title, body, options) => {
      const here = runningTest.getStore() ?? store;
      // A nested step is part of its parent's time; only top-level steps are stored.
      if (here.depth > 0) return runningTest.run({ ...here, depth: here.depth + 1 }, body);
      const stepName = `${prefix}${title.replace(noProduction, '')}`;
      if (options?.skip) return run.step(stepName, async () => undefined, { skipped: true });
      counters.steps += 1;
      try {
        return await run.step(stepName, () => runningTest.run({ ...here, depth: 1 }, body), { production: !noProduction.test(title) });
      } catch (error) {
        counters.stepFailed = true;
        throw error;
      } finally {
        counters.lastEnd = performance.now();
        run.outside(name, counters.lastEnd);
      }
    },
  };
  await runningTest.run(store, async () => {
    let failed: unknown;
    let wasSkipped: SkipSignal | undefined;
    let teardown: () => Promise<void> = async () => undefined;
    let fixtures = base;
    try {
      await segment(run, name, counters, async () => {
        const set = await setUpFixtures(test.fixtures, base, test.use, info);
        fixtures = set.fixtures;
        teardown = set.teardown;
        await applyOptions(run, test.use);
        for (const hook of test.beforeEach) await hook(fixtures, info);
        await test.body(fixtures, info);
      });
    } catch (error) {
      if (error instanceof SkipSignal) wasSkipped = error;
      else failed = error;
    }
    // afterEach hooks and fixture teardowns run whatever happened, like Playwright's; their failure counts only if nothing failed before.
    await segment(run, name, failed === undefined ? counters : { ...counters, stepFailed: true }, async () => {
      for (const hook of test.afterEach) await hook(fixtures, info);
      await teardown();
    }).catch((error: unknown) => (failed ??= error));
    if (failed !== undefined) throw failed;
    if (wasSkipped) return skipped(wasSkipped.message.replace(/^skipped:?\s*/, '') || undefined);
    if (counters.steps === 0) await run.step(name, async () => undefined, { since: started });
  });
}

/**
 * Runs code that is not inside a step. When it throws and no step has already
 * told the story, the failure is stored as a step of this name, timed from
 * the end of the last step.
 */
async function segment(run: SpecRunContext, name: string, counters: Counters, fn: () => Promise<unknown> | unknown): Promise<void> {
  const since = counters.lastEnd ?? performance.now();
  run.outside(name, since);
  try {
    await fn();
  } catch (error) {
    if (error instanceof SkipSignal || counters.stepFailed) throw error;
    counters.stepFailed = true;
    await run.step(name, () => Promise.reject(error), { since });
  } finally {
    run.outside(undefined);
  }
}

function builtinFixtures(run: SpecRunContext): Record<string, unknown> {
  return {
    page: run.page,
    context: run.context,
    browser: run.context.browser(),
    browserName: 'chromium',
    // The deployment under test decides where relative URLs go, whatever the file's test.use({ baseURL }) says.
    baseURL: run.baseUrl,
    // Shares the context's cookies (Playwright's own `request` fixture does not); cheap, and what a cart cleanup needs.
    request: run.context.request,
    headless: true,
    isMobile: false,
    javaScriptEnabled: true,
    viewport: run.page.viewportSize(),
  };
}

/** The `test.use()` options that can change an existing context or page; the rest become plain fixture values. */
async function applyOptions(run: SpecRunContext, use: Record<string, unknown>): Promise<void> {
  const viewport = use.viewport as { width: number; height: number } | null | undefined;
  if (viewport) await run.page.setViewportSize(viewport);
  const headers = use.extraHTTPHeaders as Record<string, string> | undefined;
  if (headers) await run.context.setExtraHTTPHeaders(headers);
}

/**
 * Sets up `test.extend` fixtures in declaration order, each seeing the ones
 * before it. A fixture function runs until it calls `use(value)`; the rest of
 * it (its teardown) runs after the test, in reverse order.
 */
async function setUpFixtures(
  definitions: FixtureDefinitions[],
  base: Record<string, unknown>,
  use: Record<string, unknown>,
  info: Record<string, unknown>,
): Promise<{ fixtures: Record<string, unknown>; teardown(): Promise<void> }> {
  const fixtures: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(use)) if (!(key in base)) fixtures[key] = value;
  const teardowns: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const each of teardowns.reverse()) await each();
  };
  try {
    for (const definition of definitions) {
      for (const [name, raw] of Object.entries(definition)) {
        const tuple = Array.isArray(raw) && raw.length === 2 && typeof raw[1] === 'object' && raw[1] !== null && !Array.isArray(raw[1]);
        const [impl, options] = (tuple ? raw : [raw, {}]) as [unknown, { option?: boolean }];
        if (options.option && name in use) fixtures[name] = use[name];
        else if (typeof impl !== 'function') fixtures[name] = impl;
        else {
          let provide!: (value: unknown) => void;
          let finish!: () => void;
          const provided = new Promise<{ value: unknown }>((resolve) => (provide = (value) => resolve({ value })));
          const finished = new Promise<void>((resolve) => (finish = resolve));
          const running = Promise.resolve(
            (impl as (fixtures: Record<string, unknown>, use: (value: unknown) => Promise<void>, info: unknown) => unknown)(
              fixtures,
              async (value) => {
                provide(value);
                await finished;
              },
              info,
            ),
          );
          const first = await Promise.race([provided, running.then(() => undefined)]);
          if (!first) throw new Error(`fixture "${name}" finished without calling use()`);
          fixtures[name] = first.value;
          teardowns.push(async () => {
            finish();
            await running;
          });
        }
      }
    }
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
  return { fixtures, teardown };
}

/** The part of Playwright's TestInfo a monitoring run can honour. */
function testInfo(file: string, title: string, titlePath: string[], tags: string[], base: Record<string, unknown>): Record<string, unknown> {
  const skip = (...args: unknown[]) => {
    if (args.length === 0 || (typeof args[0] === 'string' && args.length === 1)) throw new SkipSignal(args[0] as string | undefined);
    if (args[0]) throw new SkipSignal(typeof args[1] === 'string' ? args[1] : undefined);
  };
  return {
    title,
    titlePath: [file, ...titlePath],
    file,
    line: 0,
    column: 0,
    tags,
    annotations: [],
    attachments: [],
    errors: [],
    retry: 0,
    repeatEachIndex: 0,
    workerIndex: 0,
    parallelIndex: 0,
    project: { name: 'vigil', use: { baseURL: base.baseURL } },
    config: { projects: [] },
    status: 'passed',
    expectedStatus: 'passed',
    timeout: 0,
    outputDir: tmpdir(),
    outputPath: (...parts: string[]) => join(tmpdir(), 'vigil-spec-output', ...parts),
    skip,
    fixme: skip,
    fail: () => undefined,
    slow: () => undefined,
    setTimeout: () => undefined,
    attach: async () => undefined,
  };
}

export type { Body };
