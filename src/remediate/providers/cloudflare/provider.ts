import { ProviderError, type RemediationProvider } from '../../types';
import { bearer, callApi, joinUrl } from '../http';
import { cloudflareProviderSchema, type CloudflareProviderConfig } from './schema';

type CloudflareEnvelope = { success?: boolean; errors?: { code?: number; message?: string }[]; result?: Record<string, unknown> };

/**
 * Switches traffic at Cloudflare: a load balancer's default pools
 * (`PATCH /client/v4/zones/{zone_id}/load_balancers/{id}`) or a DNS record's
 * content (`PATCH /client/v4/zones/{zone_id}/dns_records/{id}`).
 */
export const cloudflareProvider = {
  kind: 'cloudflare',
  schema: cloudflareProviderSchema,
  async run(settings, _request, ctx) {
    const zone = `/client/v4/zones/${encodeURIComponent(settings.zoneId)}`;
    const { path, body, what } = settings.loadBalancer
      ? { path: `${zone}/load_balancers/${encodeURIComponent(settings.loadBalancer.id)}`, body: { default_pools: settings.loadBalancer.defaultPools }, what: `load balancer ${settings.loadBalancer.id} now prefers pool ${settings.loadBalancer.defaultPools[0]}` }
      : {
          path: `${zone}/dns_records/${encodeURIComponent(settings.dnsRecord!.id)}`,
          body: { content: settings.dnsRecord!.content, ...pick(settings.dnsRecord!, ['type', 'proxied', 'ttl']) },
          what: `DNS record ${settings.dnsRecord!.id} now points at ${settings.dnsRecord!.content}`,
        };
    const answer = await callApi({
      service: 'Cloudflare',
      method: 'PATCH',
      url: joinUrl(settings.apiUrl, path),
      headers: { ...bearer(settings.token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ctx,
      secrets: [settings.token],
    });
    // Cloudflare reports some failures inside a 200 envelope.
    const envelope = answer.json as CloudflareEnvelope | undefined;
    if (envelope?.success === false) {
      const errors = (envelope.errors ?? []).map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ');
      throw new ProviderError(`Cloudflare refused the change${errors ? `: ${errors}` : ''}`, { status: answer.status, providerResponse: envelope });
    }
    return { ok: true, output: `Cloudflare: ${what}`, providerResponse: envelope?.result ?? envelope };
  },
} satisfies RemediationProvider<'cloudflare', CloudflareProviderConfig>;

function pick<T extends object, K extends keyof T>(object: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]])) as Partial<Pick<T, K>>;
}
