import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFixture, type Fixture } from './api-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await openFixture();
});
afterAll(async () => f.close());

type Document = { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>; components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> } };

/** Hono's `/checks/:id` and `/artifacts/*` in OpenAPI notation. */
const openApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/\*$/, '/{path}');

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document with both auth schemes and the error shape', async () => {
    const response = await f.app.request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as Document;
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'csrf', 'session']);
    expect(document.components.schemas.Error).toMatchObject({ required: ['error'] });
    for (const path of ['/auth/state', '/auth/setup', '/auth/login', '/auth/logout', '/users', '/tokens', '/tokens/{id}']) expect(document.paths[path], path).toBeDefined();
  });

  it('documents every route registered under /api/v1, with its path parameters', async () => {
    const document = (await (await f.app.request('/api/v1/openapi.json')).json()) as Document;
    // Every route the app has now, whoever added it: a new route without documentation fails here.
    const registered = f.app.routes.filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'ALL');
    expect(registered.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const route of registered) {
      const path = openApiPath(route.path.slice('/api/v1'.length));
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      if (!operation) {
        missing.push(`${route.method} ${route.path}`);
        continue;
      }
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        expect(operation.parameters?.some((p) => p.in === 'path' && p.name === name), `${route.method} ${path} documents {${name}}`).toBe(true);
      }
      expect(Object.keys(operation.responses).length, `${route.method} ${path} has responses`).toBeGreaterThan(0);
    }
    expect(missing, 'routes missing from src/server/api/openapi.ts').toEqual([]);
  });
});
