import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../src/notify/channels/shared/test-receiver';
import { untilWithin } from './support/until';

const bin = resolve('bin/vigil.js');
const ID = 'exec-test-000000000000';
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

type Run = { code: number | null; stdout: string; stderr: string };

function vigil(args: string[], options: { env?: Record<string, string>; onSpawn?(kill: (signal: NodeJS.Signals) => void): void } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    options.onSpawn?.((signal) => child.kill(signal));
  });
}

const until = untilWithin(20_000);

async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

describe('vigil exec', () => {
  it('reports start, then exit 0 with duration and output, and passes the output through', async () => {
    const r = await receiver();
    const run = await vigil(['exec', ID, '--url', r.url, '--', 'sh', '-c', 'for i in $(seq 1 60); do echo line $i; done']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('line 1\n');
    const [start, finish] = r.requests;
    expect(start!.path).toMatch(new RegExp(`^/ping/${ID}/start\\?rid=[0-9a-f-]{36}$`));
    expect(finish!.path).toBe(start!.path.replace('/start', '/0'));
    expect(finish!.method).toBe('POST');
    expect(finish!.raw).toMatch(/exit code: 0\nduration: \d+\.\ds/);
    // The last 50 lines: line 11 to line 60.
    expect(finish!.raw).toContain('line 60');
    expect(finish!.raw).toContain('line 11\n');
    expect(finish!.raw).not.toContain('line 10\n');
  });

  it('reports a failing command with its exit code and keeps that exit code', async () => {
    const r = await receiver();
    const run = await vigil(['exec', ID, '--url', r.url, '--', 'sh', '-c', 'echo "disk full" >&2; exit 3'], {});
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('disk full');
    expect(r.requests.at(-1)!.path).toMatch(new RegExp(`^/ping/${ID}/3\\?rid=`));
    expect(r.requests.at(-1)!.raw).toContain('disk full');
  });

  it('a hanging command: the start ping arrives, and a kill is reported as the signal exit code', async () => {
    const r = await receiver();
    let kill: ((signal: NodeJS.Signals) => void) | undefined;
    const running = vigil(['exec', ID, '--url', r.url, '--', 'sleep', '60'], { onSpawn: (k) => (kill = k) });
    await until(() => r.requests.some((q) => q.path.includes('/start')), 'the start ping');
    kill!('SIGTERM');
    const run = await running;
    expect(run.code).toBe(143);
    expect(r.requests.at(-1)!.path).toMatch(new RegExp(`^/ping/${ID}/143\\?rid=`));
  });

  it('retries when Vigil answers 503, and never changes the exit code when Vigil stays unreachable', async () => {
    const r = await receiver();
    r.reply({ status: 503 });
    const retried = await vigil(['exec', ID, '--url', r.url, '--', 'true']);
    expect(retried.code).toBe(0);
    expect(r.requests.filter((q) => q.path.includes('/start'))).toHaveLength(2);
    const unreachable = await vigil(['exec', ID, '--', 'sh', '-c', 'exit 5'], { env: { VIGIL_URL: 'http://127.0.0.1:9' } });
    expect(unreachable.code).toBe(5);
    expect(unreachable.stderr).toMatch(/start ping not delivered/);
  });
});

describe('vigil ping', () => {
  it.each([
    [[], ''],
    [['--start'], '/start'],
    [['--fail'], '/fail'],
    [['--log'], '/log'],
    [['--exit', '2'], '/2'],
  ])('vigil ping %j hits /ping/<id>%s', async (flags, suffix) => {
    const r = await receiver();
    const run = await vigil(['ping', ID, ...flags, '--url', r.url, '--rid', 'r1']);
    expect(run.code).toBe(0);
    expect(r.requests[0]!.path).toBe(`/ping/${ID}${suffix}?rid=r1`);
  });

  it('sends --data as the body and fails with 404 for an unknown id', async () => {
    const r = await receiver();
    await vigil(['ping', ID, '--url', r.url, '--data', 'hello']);
    expect(r.requests[0]).toMatchObject({ method: 'POST', raw: 'hello' });
    r.reply({ status: 404, body: '' });
    const missing = await vigil(['ping', 'nope-nope-nope-nope', '--url', r.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/404/);
  });
});
