import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { context, listen, unusedPort } from '../test-servers';
import { tcpSchema } from './definition';
import { runner } from './runner';

const spec = (fields: Record<string, unknown> = {}) => tcpSchema.parse({ kind: 'tcp', ...fields });

describe('tcp check', () => {
  const started: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((close) => close()));
  });

  it('connects to the deployment host and port and times the connection', async () => {
    const { port, close } = await listen(createServer((socket) => socket.end()));
    started.push(close);
    const result = await runner.run(spec({ assertions: [{ responseTime: { lessThan: 2000 } }] }), context(`http://127.0.0.1:${port}`));
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.phases).toEqual({ connect: expect.any(Number), total: expect.any(Number) });
    expect(result.details).toMatchObject({ host: '127.0.0.1', port, address: '127.0.0.1' });
  });

  it('uses its own host and port over the deployment, and times the lookup of a name', async () => {
    const { port, close } = await listen(createServer((socket) => socket.end()));
    started.push(close);
    const result = await runner.run(spec({ host: 'localhost', port }), context('https://shop.invalid'));
    expect(result.ok).toBe(true);
    expect(result.phases?.dns).toBeGreaterThanOrEqual(0);
  });

  it('fails a connection slower than its limit', async () => {
    const { port, close } = await listen(createServer((socket) => socket.end()));
    started.push(close);
    const result = await runner.run(spec({ port, assertions: [{ responseTime: { lessThan: 0 } }] }), context('http://127.0.0.1'));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^responseTime \d+ms, expected responseTime is less than 0$/);
  });

  it('reports a refused port', async () => {
    const port = await unusedPort();
    const result = await runner.run(spec({ port }), context('http://127.0.0.1'));
    expect(result).toMatchObject({ ok: false, error: `connect ECONNREFUSED 127.0.0.1:${port}` });
  });

  it('stops at its deadline while connecting', async () => {
    // No address reliably swallows SYNs in every sandbox, so the deadline is one that has already passed.
    const { port, close } = await listen(createServer((socket) => socket.end()));
    started.push(close);
    const expired = AbortSignal.abort(new DOMException('deadline', 'TimeoutError'));
    const result = await runner.run(spec({ port }), context('http://127.0.0.1', { timeoutMs: 200, signal: expired }));
    expect(result).toMatchObject({ ok: false, error: `timed out after 200ms (connecting to 127.0.0.1:${port})` });
  });
});
