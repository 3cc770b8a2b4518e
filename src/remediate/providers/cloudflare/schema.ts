import { z } from 'zod';
import { apiUrl, pathId, token } from '../shared-schema';

export const cloudflareProviderSchema = z
  .object({
    kind: z.literal('cloudflare'),
    /** An API token with Load Balancers Write or DNS Write. @example "${env:CLOUDFLARE_API_TOKEN}" */
    token,
    /** @example "023e105f4ecef8ad9ca31a8372d0c353" */
    zoneId: pathId('Cloudflare zone id'),
    /**
     * Switch a load balancer: its `default_pools` become these, in failover order.
     * @example { id: "699d98642c564d2e855e9661899b7252", defaultPools: ["backup-pool-id", "primary-pool-id"] }
     */
    loadBalancer: z.object({ id: pathId('load balancer id'), defaultPools: z.array(pathId('pool id')).min(1) }).strict().optional(),
    /**
     * Or repoint a DNS record: its content becomes the backup's address.
     * @example { id: "372e67954025e0ba6aaa6d586b9e0b59", content: "203.0.113.7" }
     */
    dnsRecord: z
      .object({ id: pathId('DNS record id'), content: z.string().min(1), type: z.string().optional(), proxied: z.boolean().optional(), ttl: z.number().int().min(1).optional() })
      .strict()
      .optional(),
    apiUrl: apiUrl('https://api.cloudflare.com'),
  })
  .strict()
  .refine((config) => (config.loadBalancer === undefined) !== (config.dnsRecord === undefined), { error: 'expected exactly one of loadBalancer or dnsRecord' });

export type CloudflareProviderConfig = z.infer<typeof cloudflareProviderSchema>;
