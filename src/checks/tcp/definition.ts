import { z } from 'zod';
import { responseTimeAssertionSchema } from '../assertions';
import type { CheckDefinition } from '../types';

/**
 * Opens a TCP connection and closes it: is something listening, and how fast does it answer?
 *
 * @example { kind: "tcp", port: 5432, assertions: [{ responseTime: { lessThan: 200 } }] }
 */
export const tcpSchema = z
  .object({
    kind: z.literal('tcp'),
    /**
     * Host name or IP address; defaults to the deployment's host.
     * @example "db.internal.example.com"
     */
    host: z.string().min(1).optional(),
    /**
     * Defaults to the deployment URL's port (80 for http, 443 for https).
     * @example 6379
     */
    port: z.number().int().min(1).max(65535).optional(),
    /**
     * Limits on how long the connection took to open (ms).
     * @example [{ responseTime: { lessThan: 200 } }]
     */
    assertions: z.array(responseTimeAssertionSchema).optional(),
  })
  .strict();

export type TcpSpec = z.infer<typeof tcpSchema>;

export const tcpDefinition = {
  kind: 'tcp',
  schema: tcpSchema,
  describe: (spec) => `TCP ${spec.host ?? '<deployment host>'}:${spec.port ?? '<deployment port>'}`,
} satisfies CheckDefinition<'tcp', TcpSpec>;
