import { z } from 'zod';
import type { CheckDefinition } from '../types';

/**
 * Opens a TLS connection and judges the certificate: valid now, valid long
 * enough to renew in time, trusted, and issued for this host.
 *
 * @example { kind: "tls", minDaysValid: 21 }
 */
export const tlsSchema = z
  .object({
    kind: z.literal('tls'),
    /**
     * Host name or IP address; defaults to the deployment's host.
     * @example "shop.example.com"
     */
    host: z.string().min(1).optional(),
    /**
     * Defaults to the deployment URL's port, else 443.
     * @example 8443
     */
    port: z.number().int().min(1).max(65535).optional(),
    /**
     * The name sent in SNI and matched against the certificate; defaults to `host` unless it is an IP address.
     * @example "shop.example.com"
     */
    servername: z.string().min(1).optional(),
    /**
     * Fail when the certificate expires within this many days, in time to renew it.
     * @default 14
     * @example 21
     */
    minDaysValid: z.number().min(0).default(14),
    /**
     * Accept a self-signed certificate (staging, internal services); expiry and host name are still checked.
     * @default false
     */
    allowSelfSigned: z.boolean().default(false),
  })
  .strict();

export type TlsSpec = z.infer<typeof tlsSchema>;

export const tlsDefinition = {
  kind: 'tls',
  schema: tlsSchema,
  describe: (spec) => `TLS ${spec.servername ?? spec.host ?? '<deployment host>'}${spec.port ? `:${spec.port}` : ''} (≥ ${spec.minDaysValid} days)`,
} satisfies CheckDefinition<'tls', TlsSpec>;
