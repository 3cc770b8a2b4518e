import { describe, expect, it } from 'vitest';
import { useReceiver } from '../../../notify/channels/shared/test-receiver';
import { failure, providerContext, sampleRequest } from '../test-fixtures';
import { netlifyProvider } from './provider';

const token = 'nfp_secretToken123';

describe('netlify provider', () => {
  const receiver = useReceiver();
  const settings = (extra: Record<string, unknown> = {}) => netlifyProvider.schema.parse({ kind: 'netlify', siteId: 'site-1', token, apiUrl: receiver().url, ...extra });

  it('restores the configured deploy with a bearer token', async () => {
    receiver().reply({ status: 200, body: { id: 'dep-old', state: 'ready' } });
    const outcome = await netlifyProvider.run(settings({ deployId: 'dep-old' }), sampleRequest({ kind: 'rollback' }), providerContext());
    const request = receiver().requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', path: '/api/v1/sites/site-1/deploys/dep-old/restore' });
    expect(request.headers.authorization).toBe(`Bearer ${token}`);
    expect(outcome.output).toBe('Netlify restored deploy dep-old (state ready)');
  });

  it('without a deploy id, restores the deploy published before the live one', async () => {
    receiver().reply(
      {
        status: 200,
        body: [
          { id: 'dep-building', state: 'building', published_at: null, context: 'production' },
          { id: 'dep-live', state: 'ready', published_at: '2026-11-25T10:00:00Z', context: 'production' },
          { id: 'dep-preview', state: 'ready', published_at: '2026-11-25T09:00:00Z', context: 'deploy-preview' },
          { id: 'dep-previous', state: 'ready', published_at: '2026-11-24T10:00:00Z', context: 'production' },
        ],
      },
      { status: 200, body: { id: 'dep-previous', state: 'ready' } },
    );
    const start = receiver().requests.length;
    await netlifyProvider.run(settings(), sampleRequest({ kind: 'rollback' }), providerContext());
    const [list, restore] = receiver().requests.slice(start);
    expect(list).toMatchObject({ method: 'GET', path: '/api/v1/sites/site-1/deploys?per_page=20' });
    expect(list!.headers.authorization).toBe(`Bearer ${token}`);
    expect(restore).toMatchObject({ method: 'POST', path: '/api/v1/sites/site-1/deploys/dep-previous/restore' });
  });

  it('says so when there is nothing earlier to restore, and quotes refusals without the token', async () => {
    receiver().reply({ status: 200, body: [{ id: 'dep-live', state: 'ready', published_at: '2026-11-25T10:00:00Z' }] });
    expect((await failure(netlifyProvider.run(settings(), sampleRequest(), providerContext()))).message).toMatch(/no earlier published deploy of site site-1/);
    receiver().reply({ status: 401, body: { code: 401, message: `Access Denied ${token}` } });
    const error = await failure(netlifyProvider.run(settings({ deployId: 'd1' }), sampleRequest(), providerContext()));
    expect(error.message).toBe('Netlify answered 401 to POST /api/v1/sites/site-1/deploys/d1/restore: {"code":401,"message":"Access Denied ***"}');
  });
});
