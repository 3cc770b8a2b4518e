import { runVigil } from './support/cli';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShops } from '../src/demo-shop';

/** `vigil deploy verify` and `vigil deploy plan` as a user runs them: the CLI on a config file, the demo store's two deployments. */
const dir = mkdtempSync(join(tmpdir(), 'vigil-deploy-'));
let shops: Awaited<ReturnType<typeof startDemoShops>>;

beforeAll(async () => {
  shops = await startDemoShops({ productCount: 100 });
  writeFileSync(
    join(dir, 'vigil.yaml'),
    `site: { name: Deploy test }
deployments:
  - { name: production, baseUrl: "${shops.primary.url}", role: primary }
  - { name: backup, baseUrl: "${shops.backup.url}", role: backup }
defaults: { interval: 60s, timeout: 5s }
checks:
  - name: product
    kind: http
    path: /products/weekend-cotton-turtleneck
    assertions: [{ status: 200 }]
    extract:
      - { name: price, selector: "[data-testid=price]", normalise: [currency] }
      - { name: title, selector: "[data-testid=product-title]", normalise: [whitespace] }
  - { name: build, kind: http, path: /api/build, extract: [{ name: build id, jsonPath: $.buildId }] }
  - { name: catalog, kind: http, path: "/api/products?limit=1", extract: [{ name: catalog count, jsonPath: $.total }] }
  - { name: port, kind: tcp }
deployPlans:
  - name: release
    description: The Black Friday release
    steps:
      - { title: Build the release, run: { command: "node -e \\"console.log('built release 42')\\"" } }
      - { title: Verify the backup, run: { verify: { deployment: backup } } }
      - { title: Switch traffic in the CDN console, manual: true }
    rollbackCriteria: [any price disparity, checkout failing for 2 minutes]
  - name: broken
    steps:
      - { title: Deploy, run: { command: "node -e \\"console.error('upload refused'); process.exit(3)\\"" } }
      - { title: Verify the backup, run: { verify: { deployment: backup } } }
    rollbackCriteria: [deploy failed]
  - name: manual
    steps:
      - { title: Tell the support team }
actions:
  - { name: undo-release, kind: rollback, deployment: backup, provider: { kind: command, command: "echo $VIGIL_ACTION > ${join(dir, 'rolled-back')}" } }
storage: { dataDir: data }
`,
  );
});
afterAll(async () => {
  await shops.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  shops.primary.resetFaults();
  shops.backup.resetFaults();
});

const vigil = (args: string[]) => runVigil(args, { cwd: dir });

describe('vigil deploy verify', () => {
  it('passes on a healthy deployment', async () => {
    const { code, stdout } = await vigil(['deploy', 'verify', '--deployment', 'backup']);
    expect(stdout).toMatch(/✓ product/);
    expect(stdout).toMatch(/✓ PASS: backup verified against production: 4 checks, same status, content and latency/);
    expect(code).toBe(0);
  });

  it('fails with a clear diff when the backup serves other prices and an old build, in text, JSON and JUnit', async () => {
    shops.backup.setFaults({ priceDelta: 10, buildId: 'old' });
    const junit = join(dir, 'verify.xml');
    const { code, stdout } = await vigil(['deploy', 'verify', '--deployment', 'backup', '--junit', junit]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ product/);
    expect(stdout).toContain('price: production $235.00 vs backup $245.00');
    expect(stdout).toContain('build id: production build-2026.11.25-1 vs backup old');
    expect(stdout).toMatch(/✗ FAIL: backup differs from production in 2 of 4 checks/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="backup vs production" tests="4" failures="2"/);
    expect(xml).toContain('price: production $235.00 vs backup $245.00');

    const json = await vigil(['deploy', 'verify', '--deployment', 'backup', '--json']);
    expect(json.code).toBe(1);
    const verdict = JSON.parse(json.stdout) as { ok: boolean; reference: string; checks: { checkId: string; ok: boolean; differences: string[] }[] };
    expect(verdict.ok).toBe(false);
    expect(verdict.reference).toBe('production');
    expect(verdict.checks.find((c) => c.checkId === 'product')!.differences).toEqual(['price: production $235.00 vs backup $245.00']);
  });

  it('runs the rollback action named by --rollback when the verdict fails, and only then', async () => {
    const healthy = await vigil(['deploy', 'verify', '--deployment', 'backup', '--rollback', 'undo-release']);
    expect(healthy.code).toBe(0);
    expect(() => readFileSync(join(dir, 'rolled-back'), 'utf8')).toThrow();

    shops.backup.setFaults({ buildId: 'old' });
    const { code, stdout } = await vigil(['deploy', 'verify', '--deployment', 'backup', '--rollback', 'undo-release']);
    expect(code).toBe(1);
    expect(stdout).toContain('✓ rollback "undo-release" ran after: backup differs from production');
    expect(readFileSync(join(dir, 'rolled-back'), 'utf8').trim()).toBe('undo-release');
    const audit = await vigil(['actions', '--audit']);
    expect(audit.stdout).toContain('cli:deploy-verify');
  });

  it('fails when the backup answers 500, naming the status on both sides', async () => {
    shops.backup.setFaults({ errorStatus: 500 });
    const { code, stdout } = await vigil(['deploy', 'verify', '--deployment', 'backup']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/status: production passes vs backup fails \(status 500/);
  });

  it('verifies a preview URL under a new name against the primary', async () => {
    const { code, stdout } = await vigil(['deploy', 'verify', '--deployment', 'preview', '--url', shops.backup.url]);
    expect(stdout).toMatch(/PASS: preview verified against production/);
    expect(code).toBe(0);
  });

  it('names the field when the deployment is unknown', async () => {
    const { code, stderr } = await vigil(['deploy', 'verify', '--deployment', 'staging']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/--deployment: no deployment named "staging"; expected one of production, backup, or pass --url/);
  });
});

describe('vigil deploy plan', () => {
  it('prints the checklist, runs the automated steps, continues past manual ones with --yes and ends with the rollback criteria', async () => {
    const { code, stdout } = await vigil(['deploy', 'plan', 'release', '--yes']);
    expect(stdout).toMatch(/Deploy plan: release\nThe Black Friday release\n {2}\[ \] 1\. Build the release/);
    expect(stdout).toContain('│ built release 42');
    expect(stdout).toMatch(/✓ backup verified against production/);
    expect(stdout).toMatch(/\[x\] 3\. Switch traffic in the CDN console/);
    expect(stdout).toMatch(/✓ plan "release" complete: 3 steps done\nRoll back if:\n {2}- any price disparity\n {2}- checkout failing for 2 minutes/);
    expect(code).toBe(0);
  });

  it('stops at the first failed step with a clear message, and still prints the rollback criteria', async () => {
    const { code, stdout } = await vigil(['deploy', 'plan', 'broken', '--yes']);
    expect(stdout).toContain('│ upload refused');
    expect(stdout).toMatch(/✗ step 1 "Deploy" failed: "node -e .*" exited with 3/);
    expect(stdout).toMatch(/Stopped: steps 2–2 not run/);
    expect(stdout).not.toMatch(/verified against/);
    expect(stdout).toMatch(/Roll back if:\n {2}- deploy failed/);
    expect(code).toBe(1);
  });

  it('stops at a manual step nobody confirmed when not run with --yes', async () => {
    const { code, stdout } = await vigil(['deploy', 'plan', 'manual']);
    expect(stdout).toMatch(/✗ step 1 "Tell the support team" failed: not confirmed as done/);
    expect(code).toBe(1);
  });

  it('names the plans there are when the name is wrong', async () => {
    const { code, stderr } = await vigil(['deploy', 'plan', 'nope']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no deploy plan named "nope"; expected one of release, broken, manual/);
  });
});

describe('vigil compare', () => {
  it('prints every check per deployment and JSON for machines, before any result exists', async () => {
    const { code, stdout } = await vigil(['compare', '--json', '--window', '15m']);
    expect(code).toBe(0);
    const comparison = JSON.parse(stdout) as { windowMs: number; groups: { pageType: string; checks: { checkId: string; deployments: { deployment: string; state: string }[] }[] }[] };
    expect(comparison.windowMs).toBe(900_000);
    expect(comparison.groups[0]!.checks.map((c) => c.checkId)).toEqual(['product', 'build', 'catalog', 'port']);
    expect(comparison.groups[0]!.checks[0]!.deployments.map((d) => [d.deployment, d.state])).toEqual([['production', 'unknown'], ['backup', 'unknown']]);
    const text = await vigil(['compare', '--check', 'product']);
    expect(text.stdout).toMatch(/product\s+production \(primary\)/);
    expect(text.stdout).toMatch(/no open disparities/);
  });
});
