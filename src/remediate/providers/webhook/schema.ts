import { z } from 'zod';
import { httpUrl } from '../shared-schema';

const reservedHeader = /^(content-type|content-length|host|x-vigil-.*)$/i;

export const webhookProviderSchema = z
  .object({
    kind: z.literal('webhook'),
    /** Where to POST the action (JSON, see docs/remediation.md). @example "https://ops.example.com/hooks/failover" */
    url: httpUrl,
    /**
     * Signs each request like the webhook channel: `X-Vigil-Timestamp` and
     * `X-Vigil-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`.
     * @example "${env:FAILOVER_HOOK_SECRET}"
     */
    secret: z.string().min(16, 'use a secret of at least 16 characters').optional(),
    /** Extra headers, e.g. a bearer token; cannot replace content-type or X-Vigil-*. */
    headers: z
      .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'expected an HTTP header name'), z.string())
      .refine((headers) => Object.keys(headers).every((name) => !reservedHeader.test(name)), {
        error: 'content-type, content-length, host and X-Vigil-* headers are set by Vigil',
      })
      .optional(),
  })
  .strict();

export type WebhookProviderConfig = z.infer<typeof webhookProviderSchema>;
