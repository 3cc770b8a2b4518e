import { describe, expect, it } from 'vitest';
import { useReceiver } from '../../../notify/channels/shared/test-receiver';
import { failure, providerContext, sampleRequest } from '../test-fixtures';
import { cloudflareProvider } from './provider';

const token = 'cf_secret_token_abc';

describe('cloudflare provider', () => {
  const receiver = useReceiver();
  const settings = (extra: Record<string, unknown>) => cloudflareProvider.schema.parse({ kind: 'cloudflare', token, zoneId: 'zone1', apiUrl: receiver().url, ...extra });

  it('switches a load balancer to the backup pool', async () => {
    receiver().reply({ status: 200, body: { success: true, errors: [], result: { id: 'lb1', default_pools: ['pool-backup', 'pool-primary'] } } });
    const outcome = await cloudflareProvider.run(settings({ loadBalancer: { id: 'lb1', defaultPools: ['pool-backup', 'pool-primary'] } }), sampleRequest(), providerContext());
    const request = receiver().requests.at(-1)!;
    expect(request).toMatchObject({ method: 'PATCH', path: '/client/v4/zones/zone1/load_balancers/lb1', body: { default_pools: ['pool-backup', 'pool-primary'] } });
    expect(request.headers.authorization).toBe(`Bearer ${token}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(outcome.output).toBe('Cloudflare: load balancer lb1 now prefers pool pool-backup');
  });

  it('repoints a DNS record', async () => {
    receiver().reply({ status: 200, body: { success: true, errors: [], result: { id: 'rec1' } } });
    await cloudflareProvider.run(settings({ dnsRecord: { id: 'rec1', content: '203.0.113.7', type: 'A' } }), sampleRequest(), providerContext());
    expect(receiver().requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/client/v4/zones/zone1/dns_records/rec1', body: { content: '203.0.113.7', type: 'A' } });
  });

  it('an unsuccessful envelope is a failure, and exactly one target is required', async () => {
    receiver().reply({ status: 200, body: { success: false, errors: [{ code: 1002, message: 'pool not found' }] } });
    const error = await failure(cloudflareProvider.run(settings({ loadBalancer: { id: 'lb1', defaultPools: ['x'] } }), sampleRequest(), providerContext()));
    expect(error.message).toBe('Cloudflare refused the change: 1002 pool not found');
    expect(cloudflareProvider.schema.safeParse({ kind: 'cloudflare', token, zoneId: 'z' }).success).toBe(false);
  });
});
