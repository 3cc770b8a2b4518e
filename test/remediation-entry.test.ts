import { runVigil } from './support/cli';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load';
import { formatPath } from '../src/config/model';
import { resolveConfig } from '../src/config/validate';
import { startDemoShops } from '../src/demo-shop';
import type { TargetHealth } from '../src/evaluate/confirmation';
import type { Incident } from '../src/incidents/model';
import { startReceiver, type Receiver } from '../src/notify/channels/shared/test-receiver';
import { createApp } from '../src/server/app';
import { apiToken, requestWithToken } from './support/auth';
import { openSqliteStore } from '../src/store/sqlite';

/** The entry points over a real config file and SQLite store: `vigil failover`/`actions` as processes, the API in process. */

const dir = mkdtempSync(join(tmpdir(), 'vigil-remediation-entry-'));
let shops: Awaited<ReturnType<typeof startDemoShops>>;
let endpoint: Receiver;

const health = (at: number, overrides: Partial<TargetHealth> = {}): TargetHealth => ({ state: 'up', since: at - 600_000, consecutiveFailures: 0, consecutivePasses: 5, consecutiveSlow: 0, recent: '11111', lastResultAt: at, locations: {}, ...overrides });
const incident = (id: number, at: number): Incident => ({
  id, deployment: 'production', title: 'production is down: home', status: 'open', severity: 'critical', firstFailureAt: at - 200_000, openedAt: at - 180_000,
  members: [{ checkId: 'home', deployment: 'production', since: at - 200_000, confirmedAt: at - 180_000, lastError: 'status 500' }], remindersSent: 0, escalationLevel: 0,
});

/** Seeds what a running monitor would have written: the backup green, production down with incident `id`. */
async function seed(file: string, ids: number[], backupHome: Partial<TargetHealth> = {}) {
  const config = await loadConfig(file);
  const store = await openSqliteStore({ dataDir: config.storage.dataDir });
  const now = Date.now();
  await store.writeAlerts({
    health: [
      { checkId: 'home', deployment: 'backup', health: health(now, backupHome) },
      { checkId: 'home', deployment: 'production', health: health(now, { state: 'down', consecutiveFailures: 3, lastError: 'status 500' }) },
    ],
    incidents: ids.map((id) => ({ incident: incident(id, now), statusChanged: true })),
    timeline: [],
    outbox: [],
  });
  return { config, store };
}

function writeConfig(name: string, action: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `site: { name: Remediation CLI test }
deployments:
  - { name: production, baseUrl: "${shops.primary.url}", role: primary }
  - { name: backup, baseUrl: "${shops.backup.url}", role: backup }
checks:
  - { name: home, kind: http, path: /, assertions: [{ status: 200 }] }
actions:
  - ${action}
remediation: { recheckAfter: 100ms }
storage: { dataDir: data-${name} }
server: { port: 0 }
`,
  );
  return file;
}

beforeAll(async () => {
  shops = await startDemoShops({ productCount: 20 });
  endpoint = await startReceiver();
});
afterAll(async () => {
  await shops.close();
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});

const vigil = (args: string[]) => runVigil(args, { cwd: dir });

describe('vigil failover and vigil actions', () => {
  it('fails over for the open incident, waits for the re-check, refuses a second run, and shows the audit log', async () => {
    const file = writeConfig('cli.yaml', `{ name: to-backup, kind: failover, toDeployment: backup, provider: { kind: command, command: 'echo "switching $VIGIL_DEPLOYMENT to $VIGIL_TO_DEPLOYMENT for incident $VIGIL_INCIDENT by $VIGIL_ACTOR"' } }`);
    const { store } = await seed(file, [4]);
    await store.close();

    const first = await vigil(['failover', '-c', file, '--by', 'alice']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/✓ to-backup succeeded \(incident #4, attempt #1\)\n {2}switching production to backup for incident 4 by cli:alice\n/);
    expect(first.stdout).toMatch(/re-checking production and backup in 0s…\n! did not help: production 1\/1 checks pass; backup 1\/1 checks pass|✓ helped: production 1\/1 checks pass; backup 1\/1 checks pass/);

    const second = await vigil(['failover', '-c', file, '--incident', '4', '--by', 'bob']);
    expect(second.code).toBe(3);
    expect(second.stdout).toMatch(/to-backup refused \(incident #4\): to-backup already ran for incident #4 \(attempt #1 by cli:alice, succeeded\)/);

    const audit = await vigil(['actions', '--audit', '-c', file]);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/2 .* to-backup .* #4 .* cli:bob .* refused/);
    expect(audit.stdout).toMatch(/1 .* to-backup .* #4 .* cli:alice .* succeeded .* switching production to backup .* helped/);
    const list = await vigil(['actions', '-c', file]);
    expect(list.stdout).toMatch(/to-backup .* failover .* production → backup .* command/);
    const rollback = await vigil(['rollback', '-c', file]);
    expect(rollback.code).toBe(2);
    expect(rollback.stderr).toMatch(/no rollback action is configured/);
  });

  it('an action that requires confirmation is refused without --yes when nobody can be asked', async () => {
    const file = writeConfig('confirm.yaml', `{ name: to-backup, kind: failover, toDeployment: backup, requireConfirmation: true, provider: { kind: webhook, url: "${endpoint.url}/cli" } }`);
    const { store } = await seed(file, [9]);
    await store.close();
    const refused = await vigil(['failover', '-c', file, '--no-recheck']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/requires confirmation \(--yes on the command line/);
    const confirmed = await vigil(['failover', '-c', file, '--yes', '--no-recheck']);
    expect(confirmed.code).toBe(0);
    expect(endpoint.requests.filter((r) => r.path === '/cli')).toHaveLength(1);
  });
});

describe('actions API', () => {
  it('runs an action with confirm, refuses without, and serves the audit log', async () => {
    const file = writeConfig('api.yaml', `{ name: to-backup, kind: failover, toDeployment: backup, requireConfirmation: true, provider: { kind: webhook, url: "${endpoint.url}/api" } }`);
    const { config, store } = await seed(file, [5, 6], { state: 'down', lastError: 'status 503' });
    try {
      const app = createApp({ config, store, registries: [] });
      const request = requestWithToken(app, await apiToken(store, 'write', 'chatops'));
      const run = (body: unknown) => request('/api/v1/actions/to-backup/run', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

      const notGreen = await run({ incident: 5, confirm: true, by: 'carol' });
      expect(notGreen.status).toBe(409);
      expect(await notGreen.json()).toMatchObject({ error: 'backup is not green: home (down: status 503); refusing to switch to it', attempt: { status: 'refused', actor: 'api:carol via token:chatops' } });

      await store.writeAlerts({ health: [{ checkId: 'home', deployment: 'backup', health: health(Date.now()) }], incidents: [], timeline: [], outbox: [] });
      const unconfirmed = await run({ incident: 5 });
      expect(unconfirmed.status).toBe(409);
      expect(((await unconfirmed.json()) as { error: string }).error).toMatch(/requires confirmation .*"confirm": true in the API/);

      const ok = await run({ incident: 5, confirm: true, by: 'carol' });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ attempt: { status: 'succeeded', incidentId: 5, actor: 'api:carol via token:chatops', recheck: { status: 'pending' } } });
      expect(endpoint.requests.filter((r) => r.path === '/api')).toHaveLength(1);

      const twice = await run({ incident: 5, confirm: true });
      expect(twice.status).toBe(409);
      const forced = await run({ incident: 5, confirm: true, force: true });
      expect(forced.status).toBe(200);

      endpoint.reply({ status: 500, body: 'nope' });
      const failed = await run({ incident: 6, confirm: true });
      expect(failed.status).toBe(502);
      expect(await failed.json()).toMatchObject({ error: `Action webhook answered 500 to POST /api: nope`, attempt: { status: 'failed' } });

      expect((await run({ incident: 99, confirm: true })).status).toBe(404);
      expect((await request('/api/v1/actions/nope/run', { method: 'POST' })).status).toBe(404);
      expect((await run({ incident: 'five' })).status).toBe(400);

      const list = (await (await request('/api/v1/actions')).json()) as { actions: { name: string; provider: string }[] };
      expect(list.actions).toEqual([expect.objectContaining({ name: 'to-backup', provider: 'webhook', toDeployment: 'backup', requireConfirmation: true })]);
      const audit = (await (await request('/api/v1/actions/audit?incident=5')).json()) as { attempts: { status: string }[] };
      expect(audit.attempts.map((a) => a.status)).toEqual(['succeeded', 'refused', 'succeeded', 'refused', 'refused']);
      const timeline = await store.timeline(5);
      expect(timeline.filter((e) => e.type === 'action').map((e) => e.actor)).toContain('api:carol via token:chatops');
    } finally {
      // Let the background re-checks land before closing the store.
      await new Promise((done) => setTimeout(done, 1_500));
      await store.close();
    }
  });
});

describe('remediation config', () => {
  const deployments = [{ name: 'production', baseUrl: 'https://shop.example.com' }, { name: 'backup', baseUrl: 'https://b.example.com', role: 'backup' }];
  const problemsOf = (raw: Record<string, unknown>) =>
    resolveConfig({ site: { name: 'x' }, deployments, ...raw }, '/tmp/vigil.config.ts', {}).problems.map((p) => `${formatPath(p.path)}: ${p.message}`);

  it('names the field and what was expected in the common fields', () => {
    expect(
      problemsOf({
        actions: [{ name: 'c', kind: 'rollback', provider: { kind: 'netlify', siteId: 's', token: '${env:NO_SUCH_TOKEN_VAR}' }, timeout: '1h' }],
        remediation: { policies: [{ name: 'p', action: 'c', when: { deployment: 'production', downFor: 'soon' } }] },
      }),
    ).toEqual([
      'actions[0].provider.token: environment variable NO_SUCH_TOKEN_VAR is not set (referenced as ${env:NO_SUCH_TOKEN_VAR})',
      'actions[0].timeout: expected a timeout between 100ms and 10m',
      'remediation.policies[0].when.downFor: expected a duration like "30s", "5m" or a number of seconds, got "soon"',
    ]);
  });

  it('checks each provider by its own schema, and every name an action or policy mentions', () => {
    expect(
      problemsOf({
        actions: [
          { name: 'a', kind: 'failover', provider: { kind: 'webhook', url: 'not a url' } },
          { name: 'b', kind: 'rollback', toDeployment: 'staging', provider: { kind: 'heroku' } },
          { name: 'c', kind: 'rollback', provider: { kind: 'cloudflare', token: 't', zoneId: 'z' } },
          { name: 'd', kind: 'rollback', provider: { kind: 'command', command: 'true' } },
        ],
        remediation: { policies: [{ name: 'p', action: 'missing', when: { deployment: 'prod' } }, { name: 'q', action: 'd', when: { deployment: 'backup' } }] },
      }),
    ).toEqual([
      'actions[0].toDeployment: expected the deployment a failover switches to (e.g. "backup")',
      'actions[0].provider.url: expected an absolute http:// or https:// URL',
      'actions[1].toDeployment: expected one of the declared deployments (production, backup), got "staging"',
      'actions[1].provider.kind: expected one of webhook, command, netlify, vercel, cloudflare, got "heroku"',
      'actions[2].provider: expected exactly one of loadBalancer or dnsRecord',
      'remediation.policies[0].action: expected one of the declared actions (a, b, c, d), got "missing"',
      'remediation.policies[0].when.deployment: expected one of the declared deployments (production, backup), got "prod"',
      'remediation.policies[1].when.deployment: expected "production", the deployment action "d" repairs, got "backup"',
    ]);
  });
});
