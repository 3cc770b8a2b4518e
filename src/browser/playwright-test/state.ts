import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The state the spec-file shim (shim.ts) shares with the runner (run.ts): the
 * tests a file declares while it loads, and the test running now. Apart from
 * the shim so the browser worker does not load @playwright/test until a spec
 * file needs it.
 */

export type Body = (fixtures: Record<string, unknown>, info: unknown) => unknown;
/** `test.extend({ name: value | async (fixtures, use, info) => … | [value, { option, auto }] })` */
export type FixtureDefinitions = Record<string, unknown>;
export type SkipRule = { reason?: string; when?: (fixtures: Record<string, unknown>) => unknown };

export type Scope = {
  titles: string[];
  beforeEach: Body[];
  afterEach: Body[];
  use: Record<string, unknown>;
  skip: SkipRule[];
  tags: string[];
  only: boolean;
};

/** A test with what its enclosing describes gave it (hooks, `use`, skips, tags) already merged in. */
export type DeclaredTest = Omit<Scope, 'titles'> & {
  title: string;
  /** Describe titles, outermost first, then the test's own. */
  titlePath: string[];
  body: Body;
  fixtures: FixtureDefinitions[];
};

export type DeclaredSpec = { tests: DeclaredTest[]; beforeAll: Body[]; afterAll: Body[] };

/** One test being run: how test.step reaches the run's step recorder. */
export type RunningTest = {
  title: string;
  titlePath: string[];
  info: Record<string, unknown>;
  step(title: string, body: () => Promise<unknown>, options?: { skip?: boolean }): Promise<unknown>;
  depth: number;
};

/** Raised by `test.skip()` inside a running test. */
class Skip extends Error {
  constructor(reason?: string) {
    super(reason ? `skipped: ${reason}` : 'skipped');
  }
}

// Shared through globalThis: a spec compiled to CommonJS gets its own instance of these modules, and must still
// reach the same collector, the same running test and the same SkipSignal class as the ESM one.
type Shared = { collecting?: { spec: DeclaredSpec; scopes: Scope[] }; running: AsyncLocalStorage<RunningTest>; SkipSignal: typeof Skip };
const shared = ((globalThis as Record<symbol, Shared | undefined>)[Symbol.for('vigil.playwright-test')] ??= {
  running: new AsyncLocalStorage<RunningTest>(),
  SkipSignal: Skip,
});

export const SkipSignal = shared.SkipSignal;
export type SkipSignal = Skip;

export const runningTest = shared.running;

/** Runs `load` (which imports a spec file) while recording the tests it declares. Callers serialize loads. */
export async function collect(load: () => Promise<unknown>): Promise<DeclaredSpec> {
  const spec: DeclaredSpec = { tests: [], beforeAll: [], afterAll: [] };
  shared.collecting = { spec, scopes: [{ titles: [], beforeEach: [], afterEach: [], use: {}, skip: [], tags: [], only: false }] };
  try {
    await load();
    return spec;
  } finally {
    shared.collecting = undefined;
  }
}

export function collecting(what: string): { spec: DeclaredSpec; scope: Scope; scopes: Scope[] } {
  const state = shared.collecting;
  if (!state) throw new Error(`${what} may only be called at the top level of a spec file or in test.describe()`);
  return { spec: state.spec, scope: state.scopes.at(-1)!, scopes: state.scopes };
}

export function current(what: string): RunningTest {
  const test = shared.running.getStore();
  if (!test) throw new Error(`${what} may only be called inside a running test`);
  return test;
}
