import { describe, expect, it } from 'vitest';
import { parseRetryAfter, postJson } from './http';
import { deliveryError, testContext, useReceiver } from './test-receiver';

describe('postJson', () => {
  const receiver = useReceiver();

  it('sends JSON and resolves with the answer', async () => {
    receiver().reply({ status: 202, body: '{"status":"success"}' });
    await expect(postJson(`${receiver().url}/hook`, { a: 1 }, { service: 'Test', ctx: testContext(), headers: { 'x-extra': 'y' } })).resolves.toBe('{"status":"success"}');
    const request = receiver().requests.at(-1);
    expect(request).toMatchObject({ method: 'POST', path: '/hook', body: { a: 1 } });
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Vigil', 'x-extra': 'y' });
  });

  it('times out as retryable', async () => {
    receiver().reply({ status: 200, delayMs: 2_000 });
    const error = await deliveryError(postJson(receiver().url, {}, { service: 'Test', ctx: testContext(100) }));
    expect(error.message).toBe('Test timed out after 100 ms');
    expect(error.permanent).toBe(false);
  });

  it('says cancelled when the pipeline aborts', async () => {
    receiver().reply({ status: 200, delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await deliveryError(postJson(receiver().url, {}, { service: 'Test', ctx: { signal: controller.signal, timeoutMs: 5_000 } }));
    expect(error.message).toBe('Test cancelled');
    expect(error.permanent).toBe(false);
  });

  it('blanks secrets a service echoes back', async () => {
    receiver().reply({ status: 401, body: 'invalid key abcd1234efgh' });
    const error = await deliveryError(postJson(receiver().url, {}, { service: 'Test', ctx: testContext(), secrets: ['abcd1234efgh'] }));
    expect(error.message).toBe('Test answered 401: invalid key ***');
  });

  it('treats 408 as retryable and redirects as permanent', async () => {
    receiver().reply({ status: 408 }, { status: 301, headers: { location: 'https://elsewhere.example.com/' } });
    expect((await deliveryError(postJson(receiver().url, {}, { service: 'Test', ctx: testContext() }))).permanent).toBe(false);
    expect((await deliveryError(postJson(receiver().url, {}, { service: 'Test', ctx: testContext() }))).permanent).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  it.each([
    [undefined, undefined],
    ['7', 7_000],
    ['1.5', 1_500],
    [['3', '9'], 3_000],
    ['Wed, 01 Jan 2025 12:00:30 GMT', 30_000],
    ['Wed, 01 Jan 2025 11:00:00 GMT', 0],
    ['soon', undefined],
  ] as const)('%j → %j', (header, expected) => {
    expect(parseRetryAfter(header as string | string[] | undefined, now)).toBe(expected);
  });
});
