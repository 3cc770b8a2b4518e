import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSpecFile } from './load';

const dir = mkdtempSync(join(tmpdir(), 'vigil-spec-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('telling a Playwright spec file from a flow script', () => {
  it.each([
    ['a spec importing test and expect', `import { test, expect } from '@playwright/test';\ntest('x', async () => {});`, true],
    ['a spec over several lines', `import {\n  test,\n  expect,\n} from "@playwright/test";`, true],
    ['a CommonJS spec', `const { test } = require('@playwright/test');\ntest('x', () => {});`, true],
    ['a flow script borrowing types', `import type { Page } from '@playwright/test';\nexport async function flow() {}`, false],
    ['a flow script borrowing expect', `import { expect } from '@playwright/test';\nexport async function flow({ page }) {}`, false],
    ['a flow script without Playwright imports', `export async function flow({ page, step }) {}`, false],
  ])('%s', (_name, source, spec) => {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, source);
    expect(isSpecFile(file)).toBe(spec);
  });

  it('treats a missing file as no spec (the config check names it)', () => {
    expect(isSpecFile(join(dir, 'nope.spec.ts'))).toBe(false);
  });
});
