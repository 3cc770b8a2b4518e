import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load';
import { ConfigError, type ConfigProblem } from '../src/config/model';
import { starterTypeScript, starterYaml } from '../src/config/starter';

const dir = mkdtempSync(join(tmpdir(), 'vigil-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function write(name: string, text: string): string {
  const file = join(dir, `${counter++}-${name}`);
  writeFileSync(file, text);
  return file;
}

async function problemsOf(file: string, env: Record<string, string> = {}): Promise<ConfigProblem[]> {
  try {
    await loadConfig(file, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

const validYaml = `
site: { name: Acme }
deployments:
  - { name: production, baseUrl: "https://shop.example.com", role: primary }
  - { name: backup, baseUrl: "https://backup.example.com", role: backup, provider: vercel }
pageTypes:
  product: { paths: [/products/a, /products/b] }
  home: { paths: [/] }
checks:
  - name: product page
    kind: http
    pageType: product
    assertions: [{ status: 200 }]
  - name: home
    kind: http
    pageType: home
    interval: 30s
    timeout: 5s
    deployments: [production]
    tags: [storefront]
  - { name: cert, kind: tls, minDaysValid: 20 }
`;

describe('loading a config', () => {
  it('resolves defaults, page type expansion and deployment limits', async () => {
    const config = await loadConfig(write('vigil.yaml', validYaml));
    expect(config.deployments.map((d) => d.role)).toEqual(['primary', 'backup']);
    expect(config.checks.map((c) => c.id)).toEqual(['product page [/products/a]', 'product page [/products/b]', 'home', 'cert']);
    const [product, , home, cert] = config.checks;
    expect(product).toMatchObject({ intervalMs: 60_000, timeoutMs: 10_000, deployments: ['production', 'backup'], pageType: 'product' });
    expect(product!.spec).toMatchObject({ kind: 'http', path: '/products/a', method: 'GET' });
    expect(home).toMatchObject({ intervalMs: 30_000, timeoutMs: 5_000, deployments: ['production'], tags: ['storefront'] });
    expect(cert!.spec).toMatchObject({ kind: 'tls', minDaysValid: 20 });
    expect(config.pageTypes.find((p) => p.name === 'product')?.kind).toBe('product');
    expect(config.storage.dataDir).toBe(join(dir, '.vigil'));
  });

  it('loads a TypeScript config written with defineConfig', async () => {
    const file = join(dir, 'ts-project', 'vigil.config.ts');
    mkdirSync(join(dir, 'ts-project'));
    writeFileSync(
      file,
      `import { defineConfig } from '${join(process.cwd(), 'src', 'index')}';
       export default defineConfig({
         site: { name: 'TS' },
         deployments: [{ name: 'production', baseUrl: 'http://127.0.0.1:1' }],
         checks: ['/', '/cart'].map((path) => ({ name: 'page ' + path, kind: 'http' as const, path })),
       });`,
    );
    const config = await loadConfig(file);
    expect(config.checks.map((c) => c.summary)).toEqual(['GET /', 'GET /cart']);
  });

  it('fills ${env:NAME} references from the environment, with fallbacks', async () => {
    const file = write(
      'vigil.yaml',
      `site: { name: Env }
deployments: [{ name: production, baseUrl: "\${env:SHOP_URL}" }]
checks:
  - { name: api, kind: http, path: /api, headers: { authorization: "Bearer \${env:TOKEN}", x-region: "\${env:REGION:-eu}" } }
`,
    );
    const config = await loadConfig(file, { SHOP_URL: 'https://env.example.com', TOKEN: 's3cret' });
    expect(config.deployments[0]!.baseUrl).toBe('https://env.example.com');
    expect(config.checks[0]!.spec).toMatchObject({ headers: { authorization: 'Bearer s3cret', 'x-region': 'eu' } });
  });

  it('accepts both starter configs that `vigil init` writes', async () => {
    // Inside the repository, so `import … from 'vigil'` resolves to this package as it does in a user's project.
    const tsDir = join(process.cwd(), `.tmp-starter-${process.pid}`);
    mkdirSync(tsDir, { recursive: true });
    try {
      writeFileSync(join(tsDir, 'vigil.config.ts'), starterTypeScript);
      expect((await loadConfig(join(tsDir, 'vigil.config.ts'))).checks.length).toBeGreaterThan(2);
    } finally {
      rmSync(tsDir, { recursive: true, force: true });
    }
    expect((await loadConfig(write('vigil.yaml', starterYaml))).checks.length).toBeGreaterThan(2);
  });
});

describe('a bad config', () => {
  it('lists every problem at once with file, line, field path and what was expected', async () => {
    const file = write(
      'vigil.yaml',
      `site: { name: Broken }
deployments:
  - { name: production, baseUrl: "not a url" }
pageTypes:
  product: { paths: [/p] }
checks:
  - name: a
    kind: http
    interval: -5s
  - name: b
    kind: carrier-pigeon
  - name: c
    kind: http
    interval: 5s
    pageType: nope
  - name: d
    kind: http
    assertions: [{ status: 200, body: { contains: x } }]
    colour: blue
  - name: e
    kind: tls
    deployments: [staging]
`,
    );
    const problems = await problemsOf(file);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(byPath['deployments[0].baseUrl']?.message).toMatch(/absolute http\(s\) URL/);
    expect(byPath['deployments[0].baseUrl']?.line).toBe(3);
    expect(byPath['checks[0].interval']?.message).toMatch(/duration/);
    expect(byPath['checks[0].interval']?.line).toBe(9);
    expect(byPath['checks[1].kind']?.message).toBe('expected one of http, tcp, dns, tls, browser, got "carrier-pigeon"');
    expect(byPath['checks[2].interval']?.message).toMatch(/at least 10s/);
    expect(byPath['checks[3].assertions[0]']?.message).toMatch(/exactly one/);
    expect(problems.some((p) => p.path === 'checks[3]' && /unknown field "colour"|colour/.test(p.message))).toBe(true);
    expect(problems.every((p) => p.file === file)).toBe(true);
  });

  it('names references to undeclared page types and deployments', async () => {
    const file = write(
      'vigil.yaml',
      `site: { name: Refs }
deployments: [{ name: production, baseUrl: "http://127.0.0.1:1" }]
checks:
  - { name: c, kind: http, pageType: nope }
  - { name: e, kind: tls, deployments: [staging] }
  - { name: e, kind: tcp, timeout: 2m, interval: 1m }
`,
    );
    const problems = await problemsOf(file);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'checks[0].pageType: expected one of the declared page types (none declared), got "nope"',
      'checks[1].deployments[0]: expected one of the declared deployments (production), got "staging"',
      'checks[2].name: duplicate check name "e"',
      'checks[2].timeout: expected a timeout no longer than the interval (60s)',
    ]);
  });

  it('reports YAML syntax errors with their line', async () => {
    const problems = await problemsOf(write('vigil.yaml', 'site: { name: x\ndeployments: [\n'));
    expect(problems[0]!.message).toMatch(/^YAML syntax/);
    expect(problems[0]!.line).toBeGreaterThan(0);
  });

  it('reports a missing environment variable at its field', async () => {
    const problems = await problemsOf(write('vigil.yaml', 'site: { name: x }\ndeployments: [{ name: p, baseUrl: "${env:NOPE_URL}" }]\n'));
    expect(problems[0]).toMatchObject({ path: 'deployments[0].baseUrl', message: 'environment variable NOPE_URL is not set (referenced as ${env:NOPE_URL})' });
  });

  it('reports a TypeScript config that does not load', async () => {
    const problems = await problemsOf(write('vigil.config.ts', 'export default {{{'));
    expect(problems[0]!.message).toMatch(/could not load the module/);
  });

  it('reports a missing file', async () => {
    const problems = await problemsOf(join(dir, 'missing.yaml'));
    expect(problems[0]!.message).toMatch(/not found.*vigil init/);
  });
});
