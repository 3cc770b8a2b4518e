import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRemoteFaults, healthyFaults, resetRemoteFaults, setRemoteFaults, startDemoShop, type RunningDemoShop } from './index';
import { http, json, rawGet } from './testing';

describe('fault control API', () => {
  let shop: RunningDemoShop;

  beforeAll(async () => {
    shop = await startDemoShop({ deployment: 'backup', productCount: 50 });
  });
  afterAll(async () => {
    await shop.close();
  });

  it('sets, reads and resets faults through the client', async () => {
    const after = await setRemoteFaults(shop.url, { errorStatus: 503, slow: { product: 100 } });
    expect(after).toMatchObject({ errorStatus: 503, slow: { product: 100 }, timeout: false });
    expect(shop.faults.errorStatus).toBe(503);
    expect(await getRemoteFaults(shop.url)).toEqual(after);
    expect(await resetRemoteFaults(shop.url)).toEqual(healthyFaults());
    expect(shop.faults).toEqual(healthyFaults());
  });

  it('merges patches at the top level, with PUT as well as PATCH', async () => {
    await json(`${shop.url}/__vigil/faults`, { method: 'PUT', json: { priceDelta: 5 } });
    const { data } = await json(`${shop.url}/__vigil/faults`, { method: 'PATCH', json: { buildId: 'x-1' } });
    expect(data).toMatchObject({ priceDelta: 5, buildId: 'x-1' });
    await resetRemoteFaults(shop.url);
  });

  it('keeps answering while errorStatus, timeout, reset and garbage faults are on', async () => {
    shop.setFaults({ errorStatus: 500, timeout: true, resetConnections: true, garbage: true, flapEvery: 1, slow: { all: 5000 } });
    const outcome = await rawGet(`${shop.url}/__vigil/faults`, 2000);
    expect(outcome).toMatchObject({ status: 200 });
    expect((await getRemoteFaults(shop.url)).timeout).toBe(true);
    expect(await resetRemoteFaults(shop.url)).toEqual(healthyFaults());
    expect((await http(`${shop.url}/`)).status).toBe(200);
  });

  it('rejects a bad patch with 400 naming the field, and leaves faults unchanged', async () => {
    const bad = await json<{ error: string; problems: { field: string }[] }>(`${shop.url}/__vigil/faults`, {
      method: 'PATCH',
      json: { errorStatus: 404 },
    });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toContain('errorStatus');
    expect(bad.data.problems.map((p) => p.field)).toEqual(['errorStatus']);

    const nested = await json<{ error: string }>(`${shop.url}/__vigil/faults`, { method: 'PATCH', json: { slow: { product: -5 } } });
    expect(nested.status).toBe(400);
    expect(nested.data.error).toContain('slow.product');

    const unknown = await json<{ error: string }>(`${shop.url}/__vigil/faults`, { method: 'PATCH', json: { explode: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.data.error).toContain('explode');

    await expect(setRemoteFaults(shop.url, { certificate: 'stolen' as 'valid' })).rejects.toThrow(/400.*certificate/);
    expect(shop.faults).toEqual(healthyFaults());
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await http(`${shop.url}/__vigil/faults`, { method: 'PATCH', form: { a: 'b' } });
    expect(res.status).toBe(400);
  });
});

describe('in-process fault switches', () => {
  it('validate like the control API', async () => {
    const shop = await startDemoShop({ deployment: 'primary', productCount: 10 });
    try {
      expect(() => shop.setFaults({ flapEvery: -1 })).toThrow(/flapEvery/);
      expect(shop.faults.flapEvery).toBe(0);
    } finally {
      await shop.close();
    }
  });
});
