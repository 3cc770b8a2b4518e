import type { z } from 'zod';
import { browserDefinition, type BrowserSpec, type browserSchema } from './browser/definition';
import { dnsDefinition, type DnsSpec, type dnsSchema } from './dns/definition';
import { httpDefinition, type HttpSpec, type httpSchema } from './http/definition';
import { tcpDefinition, type TcpSpec, type tcpSchema } from './tcp/definition';
import { tlsDefinition, type TlsSpec, type tlsSchema } from './tls/definition';
import type { CheckDefinition } from './types';

/**
 * The check kinds and their pure definitions (schemas, descriptions). Safe to
 * import anywhere — config loader, CLI, dashboard — because nothing here opens
 * a socket; the runners live in `./index`.
 */

export const checkKinds = ['http', 'tcp', 'dns', 'tls', 'browser'] as const;
export type CheckKind = (typeof checkKinds)[number];

/** A check's kind-specific fields after parsing, defaults filled in. */
export type CheckSpec = HttpSpec | TcpSpec | DnsSpec | TlsSpec | BrowserSpec;
/** The same as written in a config file, before defaults. */
export type CheckSpecInput = z.input<typeof httpSchema> | z.input<typeof tcpSchema> | z.input<typeof dnsSchema> | z.input<typeof tlsSchema> | z.input<typeof browserSchema>;
export type SpecOf<K extends CheckKind> = Extract<CheckSpec, { kind: K }>;

// Keyed by every kind (never Partial), and each entry tied to its own kind's spec: a new kind that forgets one fails to compile.
export const checkDefinitions = {
  http: httpDefinition,
  tcp: tcpDefinition,
  dns: dnsDefinition,
  tls: tlsDefinition,
  browser: browserDefinition,
} satisfies { [K in CheckKind]: CheckDefinition<K, SpecOf<K>> };

/** One line for logs and tables, e.g. `GET /products/abc`. */
export function describeCheck(spec: CheckSpec): string {
  return (checkDefinitions[spec.kind] as CheckDefinition<CheckKind, CheckSpec>).describe(spec);
}

export { httpAssertionSchema, httpDefinition, httpMethods, httpSchema, type HttpAssertion, type HttpSpec } from './http/definition';
export { tcpDefinition, tcpSchema, type TcpSpec } from './tcp/definition';
export { dnsDefinition, dnsRecordTypes, dnsSchema, type DnsRecordType, type DnsSpec } from './dns/definition';
export { tlsDefinition, tlsSchema, type TlsSpec } from './tls/definition';
export { browserAssertionSchema, browserDefinition, browserSchema, browserStepSchema, type BrowserAssertion, type BrowserSpec, type BrowserStep } from './browser/definition';
export { responseTimeAssertionSchema, type ResponseTimeAssertion } from './assertions';
