import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDefinitions, checkKinds, checkRunners, describeCheck, runCheck, type CheckSpec } from './index';
import { context, listen } from './test-servers';

describe('check registry', () => {
  it('has a definition and a runner for every kind, each for its own kind', () => {
    for (const kind of checkKinds) {
      expect(checkDefinitions[kind].kind).toBe(kind);
      expect(typeof checkRunners[kind].run).toBe('function');
    }
  });

  it('parses each kind with defaults filled in and describes it in one line', () => {
    const parse = (kind: (typeof checkKinds)[number], input: object) => checkDefinitions[kind].schema.parse({ kind, ...input }) as CheckSpec;
    expect(describeCheck(parse('http', { path: '/cart' }))).toBe('GET /cart');
    expect(describeCheck(parse('tcp', { host: 'db', port: 5432 }))).toBe('TCP db:5432');
    expect(describeCheck(parse('dns', { hostname: 'shop.example.com', recordType: 'MX' }))).toBe('DNS MX shop.example.com');
    expect(describeCheck(parse('tls', {}))).toBe('TLS <deployment host> (≥ 14 days)');
  });

  it('keeps definitions free of network code, so pure importers never load undici or node sockets', () => {
    const seen = new Set<string>();
    const external: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, from] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)(?!\s+type\b)[^'"]*from\s+'([^']+)'/gm)) {
        if (from === undefined) continue;
        if (from.startsWith('.')) visit(resolve(dirname(file), `${from}.ts`));
        else external.push(from);
      }
    };
    visit(resolve(dirname(fileURLToPath(import.meta.url)), 'definitions.ts'));
    expect([...new Set(external)]).toEqual(['zod']);
  });

  it('rejects a field of another kind or a misspelt one', () => {
    expect(checkDefinitions.tcp.schema.safeParse({ kind: 'tcp', path: '/' }).success).toBe(false);
    expect(checkDefinitions.http.schema.safeParse({ kind: 'http', asertions: [] }).success).toBe(false);
  });
});

describe('runCheck', () => {
  it('dispatches by kind', async () => {
    const { port, close } = await listen(createServer((socket) => socket.end()));
    try {
      const result = await runCheck({ kind: 'tcp', port }, context('http://127.0.0.1'));
      expect(result.ok).toBe(true);
    } finally {
      await close();
    }
  });

  it('turns a crashing runner into a failed result instead of a rejection', async () => {
    const result = await runCheck({ kind: 'tcp' }, context('not a url'));
    expect(result).toMatchObject({ ok: false, error: 'check crashed: Invalid URL', assertions: [] });
  });
});
