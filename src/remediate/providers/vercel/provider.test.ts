import { describe, expect, it } from 'vitest';
import { useReceiver } from '../../../notify/channels/shared/test-receiver';
import { failure, providerContext, sampleRequest } from '../test-fixtures';
import { vercelProvider } from './provider';

const token = 'vercel_secret_token_1';

describe('vercel provider', () => {
  const receiver = useReceiver();
  const settings = (extra: Record<string, unknown> = {}) =>
    vercelProvider.schema.parse({ kind: 'vercel', projectId: 'prj_shop', deploymentId: 'dpl_good', token, apiUrl: receiver().url, ...extra });

  it('promotes a deployment for a team', async () => {
    receiver().reply({ status: 202, body: '' });
    const outcome = await vercelProvider.run(settings({ teamId: 'team_acme' }), sampleRequest(), providerContext());
    const request = receiver().requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', path: '/v10/projects/prj_shop/promote/dpl_good?teamId=team_acme' });
    expect(request.headers.authorization).toBe(`Bearer ${token}`);
    expect(outcome.output).toBe('Vercel accepted the promotion to dpl_good');
  });

  it('rolls back through the rollback endpoint', async () => {
    receiver().reply({ status: 201, body: {} });
    const outcome = await vercelProvider.run(settings({ mode: 'rollback' }), sampleRequest({ kind: 'rollback' }), providerContext());
    expect(receiver().requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/projects/prj_shop/rollback/dpl_good' });
    expect(outcome.output).toBe('Vercel completed the rollback to dpl_good');
  });

  it('a conflict is a failure quoting Vercel', async () => {
    receiver().reply({ status: 409, body: { error: { code: 'conflict', message: 'already promoting' } } });
    expect((await failure(vercelProvider.run(settings(), sampleRequest(), providerContext()))).message).toMatch(/^Vercel answered 409 .*already promoting/);
  });
});
