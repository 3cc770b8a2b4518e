import { z } from 'zod';
import { httpUrl } from '../shared/schema-fields';

const reservedHeader = /^(content-type|content-length|host|x-vigil-.*)$/i;

export const webhookSchema = z
  .object({
    kind: z.literal('webhook'),
    /**
     * Where to POST the JSON body (see `src/notify/channels/webhook/README.md` for its schema).
     * @example "https://ops.example.com/hooks/vigil"
     */
    url: httpUrl,
    /**
     * Extra request headers, e.g. for a receiver that wants a bearer token.
     * They cannot replace `content-type` or the `X-Vigil-*` headers.
     * @example { "Authorization": "Bearer ${OPS_HOOK_TOKEN}" }
     */
    headers: z
      .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'expected an HTTP header name'), z.string())
      .refine((headers) => Object.keys(headers).every((name) => !reservedHeader.test(name)), {
        error: 'content-type, content-length, host and X-Vigil-* headers are set by Vigil',
      })
      .optional(),
    /**
     * Signs every request: `X-Vigil-Timestamp: <unix seconds>` and
     * `X-Vigil-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with this secret>`.
     * The receiver recomputes it (`verifyWebhookSignature`) and rejects stale timestamps, so a
     * captured request cannot be replayed. At least 16 characters; keep it in an environment variable.
     * @example "${VIGIL_WEBHOOK_SECRET}"
     */
    secret: z.string().min(16, 'use a secret of at least 16 characters').optional(),
  })
  .strict();

export type WebhookConfig = z.infer<typeof webhookSchema>;
