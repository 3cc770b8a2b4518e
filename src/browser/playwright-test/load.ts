import { readFileSync, statSync } from 'node:fs';
import Module, { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collect, type DeclaredSpec } from './state';

/**
 * Loading an ordinary `@playwright/test` spec file in the browser worker: its
 * `@playwright/test` import is redirected to our shim (ESM through a resolve
 * hook, CommonJS through the resolver), so `test(...)` records the tests
 * instead of needing Playwright's runner, while `expect` stays Playwright's.
 */

const shimUrl = new URL('./shim.ts', import.meta.url).href;
// Only the public name: @playwright/test itself loads playwright/test, which must stay Playwright's.
const redirected = new Set(['@playwright/test']);

/** A value import of `@playwright/test` (not `import type`), or its require. */
const importsPlaywrightTest = /(?:^|[;\n])\s*import\s+(?!type\s)[^;]*?from\s*['"]@playwright\/test['"]|require\s*\(\s*['"]@playwright\/test['"]\s*\)/;
/** A flow script's own entry point. */
const exportsFlow = /export\s+(?:async\s+)?function\s+flow\b|export\s+(?:const|let)\s+flow\b|export\s+default\b/;

/**
 * A script that imports `@playwright/test` for its values (`test`, `expect`) is a spec file;
 * a flow script (exporting `flow()`) is not, even if it borrows Playwright's types or `expect`.
 */
export function isSpecFile(file: string): boolean {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  return importsPlaywrightTest.test(source) && !exportsFlow.test(source);
}

// The hook runs on Node's loader thread; it is plain JavaScript handed over as a data: URL, so it needs no file of its own.
const hookSource = `
let shim;
export async function initialize(data) { shim = data.shim; }
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ? context.parentURL.split('?')[0] : undefined;
  // Resolved through the rest of the chain (tsx), which then knows how to load a .ts file.
  if (${JSON.stringify([...redirected])}.includes(specifier) && parent !== shim) return next(shim, context);
  return next(specifier, context);
}`;

let installed = false;

function installRedirect(): void {
  if (installed) return;
  installed = true;
  register(`data:text/javascript,${encodeURIComponent(hookSource)}`, { data: { shim: shimUrl } });
  const shimPath = fileURLToPath(shimUrl);
  const moduleInternals = Module as unknown as { _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string };
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (request, parent, ...rest) {
    if (redirected.has(request) && parent?.filename !== shimPath) return shimPath;
    return original.call(this, request, parent, ...rest);
  };
}

const loaded = new Map<string, { mtimeMs: number; spec: DeclaredSpec }>();
let queue: Promise<unknown> = Promise.resolve();

/**
 * The tests a spec file declares, loaded once per version of the file (an
 * edited file is loaded again; the modules it imports are not). Loads are
 * serialized: the shim records into one collector at a time.
 */
export function loadSpec(file: string): Promise<DeclaredSpec> {
  const mtimeMs = statSync(file).mtimeMs;
  const cached = loaded.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return Promise.resolve(cached.spec);
  const next = queue.then(async () => {
    const again = loaded.get(file);
    if (again && again.mtimeMs === mtimeMs) return again.spec;
    installRedirect();
    const url = `${pathToFileURL(file).href}${cached ? `?v=${mtimeMs}` : ''}`;
    const spec = await collect(() => import(url)).catch((error: unknown) => {
      // The shim loads Playwright's own expect; without the package every spec file fails the same way, so say what to install.
      if (/Cannot find (?:package|module) '@playwright\/test'/.test(String((error as Error)?.message))) {
        throw new Error(`${file} is a Playwright spec file: install @playwright/test (the version of playwright-core Vigil uses) where Vigil runs`);
      }
      throw error;
    });
    loaded.set(file, { mtimeMs, spec });
    return spec;
  });
  queue = next.catch(() => undefined);
  return next;
}
