import { z } from 'zod';
import { responseTimeAssertionSchema } from '../assertions';
import type { CheckDefinition } from '../types';

export const dnsRecordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;

// A regex rather than node:net so the definition stays importable in the browser.
const resolverPattern = /^(?:(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?|\[[0-9a-fA-F:.]+\](?::\d{1,5})?|[0-9a-fA-F.]*:[0-9a-fA-F:.]*)$/;

/**
 * Resolves a name and checks the answers: did the domain expire, did someone change the records?
 *
 * @example { kind: "dns", hostname: "shop.example.com", recordType: "A", expect: { includes: ["203.0.113.10"] } }
 */
export const dnsSchema = z
  .object({
    kind: z.literal('dns'),
    /**
     * The name to resolve; defaults to the deployment's host.
     * @example "shop.example.com"
     */
    hostname: z.string().min(1).optional(),
    /**
     * @default "A"
     * @example "MX"
     */
    recordType: z.enum(dnsRecordTypes).default('A'),
    /**
     * Ask this DNS server (`ip` or `ip:port`) instead of the system's resolvers, e.g. your authoritative server.
     * @example "1.1.1.1"
     * @example "127.0.0.1:5353"
     */
    resolver: z.string().regex(resolverPattern, { message: 'expected an IP address, optionally with :port' }).optional(),
    /**
     * What the answers must be. Values are compared without case or trailing dot (except TXT);
     * MX answers read `10 mail.example.com`, TXT answers are their strings joined.
     * @example { includes: ["203.0.113.10"] }
     * @example { equals: ["10 mx1.example.com", "20 mx2.example.com"] }
     */
    expect: z
      .object({
        /** Each of these must be among the answers. */
        includes: z.array(z.string()).min(1).optional(),
        /** The answers must be exactly these, in any order. */
        equals: z.array(z.string()).optional(),
        /**
         * At least one answer.
         * @default true
         */
        notEmpty: z.boolean().default(true),
      })
      .strict()
      .default({ notEmpty: true }),
    /**
     * Limits on how long resolution took (ms).
     * @example [{ responseTime: { lessThan: 300 } }]
     */
    assertions: z.array(responseTimeAssertionSchema).optional(),
  })
  .strict();

export type DnsSpec = z.infer<typeof dnsSchema>;
export type DnsRecordType = (typeof dnsRecordTypes)[number];

export const dnsDefinition = {
  kind: 'dns',
  schema: dnsSchema,
  describe: (spec) => `DNS ${spec.recordType} ${spec.hostname ?? '<deployment host>'}${spec.resolver ? ` @${spec.resolver}` : ''}`,
} satisfies CheckDefinition<'dns', DnsSpec>;
