import { spawn, type ChildProcess } from 'node:child_process';
import { runVigil } from './support/cli';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShops } from '../src/demo-shop';
import { openSqliteStore } from '../src/store/sqlite';

const bin = resolve('bin/vigil.js');
const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
let shops: Awaited<ReturnType<typeof startDemoShops>>;

beforeAll(async () => {
  shops = await startDemoShops({ productCount: 100 });
  writeFileSync(
    join(dir, 'vigil.yaml'),
    `site: { name: CLI test }
deployments:
  - { name: production, baseUrl: "${shops.primary.url}", role: primary }
  - { name: backup, baseUrl: "${shops.backup.url}", role: backup }
defaults: { interval: 10s, timeout: 2s }
checks:
  - { name: home, kind: http, path: /, assertions: [{ status: 200 }, { body: { contains: Vigil Demo Store } }] }
  - { name: build, kind: http, path: /api/build, tags: [content], assertions: [{ jsonPath: { path: $.buildId, exists: true } }] }
  - { name: port, kind: tcp }
storage: { dataDir: data }
server: { port: 0 }
`,
  );
});
afterAll(async () => {
  await shops.close();
  rmSync(dir, { recursive: true, force: true });
});

const vigil = (args: string[], options: { cwd?: string } = {}) => runVigil(args, { cwd: options.cwd ?? dir });

describe('vigil validate', () => {
  it('accepts a good config', async () => {
    const { code, stdout } = await vigil(['validate']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/3 checks on 2 deployments \(6 targets\)/);
  });

  it('prints every problem with file, line and field, and exits non-zero', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'site: { name: x }\ndeployments:\n  - { name: p, baseUrl: nope }\nchecks:\n  - { name: a, kind: smoke }\n');
    const { code, stderr } = await vigil(['validate', 'bad.yaml']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/2 problems/);
    expect(stderr).toContain(`${join(dir, 'bad.yaml')}:3:`);
    expect(stderr).toMatch(/deployments\[0\]\.baseUrl: expected an absolute http\(s\) URL/);
    expect(stderr).toMatch(/checks\[0\]\.kind: expected one of http, tcp, dns, tls, browser, got "smoke"/);
  });
});

describe('vigil init', () => {
  it('writes a starter config that validates, and does not overwrite it', async () => {
    const project = mkdtempSync(join(dir, 'init-'));
    expect((await vigil(['init', '--yaml'], { cwd: project })).code).toBe(0);
    expect(existsSync(join(project, 'vigil.yaml'))).toBe(true);
    expect((await vigil(['validate'], { cwd: project })).code).toBe(0);
    const again = await vigil(['init', '--yaml'], { cwd: project });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});

describe('vigil check and vigil test', () => {
  it('runs one check and prints its timings', async () => {
    const { code, stdout } = await vigil(['check', 'home', '--deployment', 'production']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ home → production/);
    expect(stdout).toMatch(/total \d/);
    expect(stdout).toMatch(/✓ status equals 200/);
  });

  it('exits non-zero and writes JUnit naming the failing deployment when a fault is on', async () => {
    shops.backup.setFaults({ errorStatus: 500 });
    try {
      const report = join(dir, 'junit.xml');
      const failing = await vigil(['test', '--reporter', 'junit', '-o', report]);
      expect(failing.code).toBe(1);
      const xml = readFileSync(report, 'utf8');
      expect(xml).toMatch(/<testsuites name="CLI test" tests="6" failures="2">/);
      expect(xml).toMatch(/<testsuite name="CLI test · backup" tests="3" failures="2"/);
      expect(xml).toMatch(/<failure message="[^"]*500/);
      const healthy = await vigil(['test', '--deployment', 'production']);
      expect(healthy.code).toBe(0);
      expect(healthy.stderr).toMatch(/3 runs, 3 passed, 0 failed/);
      const preview = await vigil(['test', '--url', shops.primary.url, '--tag', 'content']);
      expect(preview.code).toBe(0);
      expect(preview.stdout).toMatch(/build → preview/);
    } finally {
      shops.backup.resetFaults();
    }
  });
});

describe('vigil run', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGKILL'));

  it('loses no stored result on kill -9 and resumes on the next start', async () => {
    const countResults = async () => {
      const store = await openSqliteStore({ dataDir: join(dir, 'data') });
      try {
        return (await store.listResults({ limit: 1000 })).length;
      } finally {
        await store.close();
      }
    };
    const start = () => {
      child = spawn(process.execPath, [bin, 'run'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' });
      return child;
    };
    const waitFor = async (predicate: (count: number) => boolean) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const count = await countResults().catch(() => 0);
        if (predicate(count)) return count;
        if (Date.now() > deadline) throw new Error(`results stayed at ${count}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    start();
    const before = await waitFor((count) => count >= 6);
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const afterKill = await countResults();
    expect(afterKill).toBeGreaterThanOrEqual(before);
    start();
    await waitFor((count) => count > afterKill);
    child!.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }, 60_000);

  it('says clearly when the server port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    const { code, stderr } = await vigil(['run', '--port', String(port)]);
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
  });
});
