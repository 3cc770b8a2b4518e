import { chromium, defineConfig, devices, errors, expect as playwrightExpect, mergeExpects, request, selectors } from '@playwright/test';
import { collecting, current, runningTest, SkipSignal, type Body, type FixtureDefinitions, type Scope, type SkipRule } from './state';

/**
 * What an ordinary `@playwright/test` spec file imports when Vigil runs it: the
 * browser worker redirects `@playwright/test` here (see load.ts). `test(...)`
 * and its friends record the file's tests while it loads; runSpec (run.ts)
 * then runs them in the run's own context, and `test.step` becomes a timed,
 * stored step. `expect` and everything else is Playwright's own.
 *
 * Every export is listed by name (no `export *`): a spec compiled to CommonJS
 * reads this module's exports through getters, and a star re-export there
 * reaches names before they are initialized.
 */

type Fn = (...args: never[]) => unknown;

const tagsOf = (details: unknown): string[] => {
  const tag = (details as { tag?: string | string[] } | undefined)?.tag;
  return tag === undefined ? [] : Array.isArray(tag) ? tag : [tag];
};

/** `test(title, body)` or `test(title, details, body)`. */
function parseDeclaration(args: unknown[]): { title: string; details: unknown; body: Body } {
  const [title, second, third] = args;
  if (typeof title !== 'string') throw new Error('test(): expected a title string first');
  const body = (typeof second === 'function' ? second : third) as Body | undefined;
  if (typeof body !== 'function') throw new Error(`test("${title}"): expected a test function`);
  return { title, details: typeof second === 'function' ? undefined : second, body };
}

function declare(fixtures: FixtureDefinitions[], args: unknown[], marks: { skip?: boolean; only?: boolean } = {}): void {
  const { spec, scope, scopes } = collecting('test()');
  const { title, details, body } = parseDeclaration(args);
  spec.tests.push({
    title,
    titlePath: [...scope.titles, title],
    body,
    beforeEach: scopes.flatMap((each) => each.beforeEach),
    afterEach: scopes.flatMap((each) => each.afterEach).reverse(),
    use: Object.assign({}, ...scopes.map((each) => each.use)) as Record<string, unknown>,
    skip: [...scopes.flatMap((each) => each.skip), ...(marks.skip ? [{ reason: 'test.skip' }] : [])],
    tags: [...scopes.flatMap((each) => each.tags), ...tagsOf(details), ...(title.match(/@[\w-]+/g) ?? [])],
    only: marks.only === true || scopes.some((each) => each.only),
    fixtures,
  });
}

function describe(args: unknown[], marks: { skip?: boolean; only?: boolean } = {}): void {
  const { scope, scopes } = collecting('test.describe()');
  const [first, second, third] = args;
  const title = typeof first === 'string' ? first : undefined;
  const details = typeof second === 'function' ? undefined : second;
  const callback = [first, second, third].find((arg) => typeof arg === 'function') as (() => void) | undefined;
  if (!callback) throw new Error('test.describe(): expected a callback');
  scopes.push({
    titles: title ? [...scope.titles, title] : scope.titles,
    beforeEach: [],
    afterEach: [],
    use: {},
    skip: marks.skip ? [{ reason: 'test.describe.skip' }] : [],
    tags: [...tagsOf(details), ...(title?.match(/@[\w-]+/g) ?? [])],
    only: marks.only === true,
  });
  try {
    const returned = callback() as unknown;
    if (returned instanceof Promise) throw new Error('test.describe(): the callback must not be async');
  } finally {
    scopes.pop();
  }
}

/**
 * `test.skip()` and `test.fixme()`: declares a skipped test (with a title and a body), skips the
 * running test (inside it), or skips the rest of the describe (at its top level, with a condition).
 */
function skip(fixtures: FixtureDefinitions[], args: unknown[]): void {
  if (typeof args[0] === 'string' && args.some((arg) => typeof arg === 'function')) return declare(fixtures, args, { skip: true });
  const [condition, reason] = args;
  const running = runningTest.getStore();
  if (running) {
    if (args.length === 0 || (typeof condition === 'string' && args.length === 1)) throw new SkipSignal(typeof condition === 'string' ? condition : undefined);
    if (condition) throw new SkipSignal(typeof reason === 'string' ? reason : undefined);
    return;
  }
  const { scope } = collecting('test.skip()');
  if (typeof condition === 'function') scope.skip.push({ when: condition as SkipRule['when'], ...(typeof reason === 'string' ? { reason } : {}) });
  else if (args.length === 0 || condition) scope.skip.push({ reason: typeof reason === 'string' ? reason : typeof condition === 'string' ? condition : 'test.skip' });
}

const fixturesKey = Symbol('vigil.fixtures');

/** Builds a `test` function carrying a list of `test.extend` fixture definitions. */
function makeTest(fixtures: FixtureDefinitions[]): Fn {
  const test = (...args: unknown[]) => declare(fixtures, args);
  const describeFn = Object.assign((...args: unknown[]) => describe(args), {
    only: (...args: unknown[]) => describe(args, { only: true }),
    skip: (...args: unknown[]) => describe(args, { skip: true }),
    fixme: (...args: unknown[]) => describe(args, { skip: true }),
    serial: Object.assign((...args: unknown[]) => describe(args), { only: (...args: unknown[]) => describe(args, { only: true }), skip: (...args: unknown[]) => describe(args, { skip: true }) }),
    parallel: Object.assign((...args: unknown[]) => describe(args), { only: (...args: unknown[]) => describe(args, { only: true }) }),
    // Retries, timeouts and modes belong to Playwright's runner; a monitor run is one attempt within the check's timeout.
    configure: () => undefined,
  });
  const step = async (title: string, body: (info: unknown) => unknown) => current('test.step()').step(title, async () => body(stepInfo(title)));
  return Object.assign(test, {
    only: (...args: unknown[]) => declare(fixtures, args, { only: true }),
    skip: (...args: unknown[]) => skip(fixtures, args),
    fixme: (...args: unknown[]) => skip(fixtures, args),
    // An expected failure inverts the verdict; a monitor's verdict is what a shopper sees, so the annotation is ignored.
    fail: (...args: unknown[]) => (typeof args[0] === 'string' && args.some((arg) => typeof arg === 'function') ? declare(fixtures, args) : undefined),
    slow: () => undefined,
    setTimeout: () => undefined,
    describe: describeFn,
    beforeEach: (...args: unknown[]) => collecting('test.beforeEach()').scope.beforeEach.push(args.find((arg) => typeof arg === 'function') as Body),
    afterEach: (...args: unknown[]) => collecting('test.afterEach()').scope.afterEach.push(args.find((arg) => typeof arg === 'function') as Body),
    beforeAll: (...args: unknown[]) => collecting('test.beforeAll()').spec.beforeAll.push(args.find((arg) => typeof arg === 'function') as Body),
    afterAll: (...args: unknown[]) => collecting('test.afterAll()').spec.afterAll.push(args.find((arg) => typeof arg === 'function') as Body),
    use: (options: Record<string, unknown>) => Object.assign(collecting('test.use()').scope.use, options),
    step: Object.assign(step, {
      skip: async (title: string) => current('test.step.skip()').step(title, async () => undefined, { skip: true }),
    }),
    info: () => current('test.info()').info,
    extend: (more: FixtureDefinitions) => makeTest([...fixtures, more]),
    [fixturesKey]: fixtures,
    expect: undefined as unknown,
  });
}

function stepInfo(title: string): Record<string, unknown> {
  return {
    title,
    skip: (...args: unknown[]) => {
      if (args.length === 0 || args[0]) throw new SkipSignal(typeof args[1] === 'string' ? args[1] : undefined);
    },
    attach: async () => undefined,
  };
}

export const test = makeTest([]);
(test as unknown as { expect: unknown }).expect = playwrightExpect;
export default test;
export const expect = playwrightExpect;
export { chromium, defineConfig, devices, errors, mergeExpects, request, selectors };
/** `mergeTests(a, b)`: the fixtures of both extended tests. */
export function mergeTests(...tests: unknown[]): unknown {
  return makeTest(tests.flatMap((each) => (each as { [fixturesKey]?: FixtureDefinitions[] })[fixturesKey] ?? []));
}
