import { z } from 'zod';
import { comparisonOrValueSchema, comparisonSchema, type Comparison } from '../../domain/comparison';
import { exactlyOne } from '../assertions';
import type { CheckDefinition } from '../types';
import { parseJsonPath } from './json-path';
import { extractionsSchema } from '../extract/definition';

const operators = Object.keys(comparisonSchema.shape);
const operatorMessage = `expected exactly one operator: ${operators.join(', ')}`;

const jsonPathString = z.string().superRefine((path, ctx) => {
  const parsed = parseJsonPath(path);
  if ('error' in parsed) ctx.addIssue({ code: 'custom', message: `invalid JSON path: ${parsed.error}` });
});

/** A JSON path and one comparison. Supported: `$`, `.key`, `['key']`, `[0]`, `[-1]`, `[*]` (passes if any element passes), `.length`. */
const jsonPathAssertion = z
  .object({ path: jsonPathString, ...comparisonSchema.shape })
  .strict()
  .refine((a) => exactlyOne(a, operators), { message: operatorMessage });

/** A response header (name is case-insensitive) and one comparison; `exists: false` asserts it is absent. */
const headerAssertion = z
  .object({ name: z.string().min(1), ...comparisonSchema.shape })
  .strict()
  .refine((a) => exactlyOne(a, operators), { message: operatorMessage });

const assertionKeys = ['status', 'responseTime', 'body', 'jsonPath', 'header', 'bodySize'] as const;

/**
 * One thing the response must satisfy; exactly one key per assertion.
 *
 * @example { status: 200 }
 * @example { status: { in: [200, 204] } }
 * @example { responseTime: { lessThan: 800 } }
 * @example { body: { contains: "Add to cart" } }
 * @example { jsonPath: { path: "$.products[0].price", greaterThan: 0 } }
 * @example { header: { name: "content-type", contains: "text/html" } }
 * @example { bodySize: { lessThan: 500000 } }
 */
export const httpAssertionSchema = z
  .object({
    /** The final status code (after redirects, when followed). A bare number means `equals`. @example { lessThan: 400 } */
    status: comparisonOrValueSchema.optional(),
    /** Total time in milliseconds, redirects included. @example { lessThan: 800 } */
    responseTime: comparisonOrValueSchema.optional(),
    /** The response body as text (the first 5 MB). @example { contains: "Add to cart" } */
    body: comparisonOrValueSchema.optional(),
    /** A value inside a JSON body. @example { path: "$.products[0].price", greaterThan: 0 } */
    jsonPath: jsonPathAssertion.optional(),
    /** A response header. @example { name: "cache-control", contains: "max-age" } */
    header: headerAssertion.optional(),
    /** Body size in bytes as received. @example { lessThan: 500000 } */
    bodySize: comparisonOrValueSchema.optional(),
  })
  .strict()
  .refine((a) => exactlyOne(a, assertionKeys), {
    message: `expected exactly one of: ${assertionKeys.join(', ')}`,
  });

export type HttpAssertion = z.infer<typeof httpAssertionSchema>;

export const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * An HTTP request against each deployment (or one absolute URL), judged by its assertions.
 *
 * @example { kind: "http", path: "/products/blue-mug", assertions: [{ status: 200 }, { body: { contains: "Add to cart" } }] }
 */
export const httpSchema = z.object({
  kind: z.literal('http'),
  /**
   * Path joined to the deployment's base URL; `/` when neither `path` nor `url` is set
   * (a check on a page type without either runs once per path of the page type). Ignored when `url` is set.
   * @example "/products/blue-mug?variant=2"
   */
  path: z.string().startsWith('/', { message: 'expected a path starting with /' }).optional(),
  /**
   * An absolute http(s) URL to request instead of `path` on the deployment, e.g. a CDN asset or a payment provider.
   * @example "https://cdn.example.com/assets/app.js"
   */
  url: z.url({ protocol: /^https?$/, message: 'expected an absolute http:// or https:// URL' }).optional(),
  /**
   * @default "GET"
   * @example "HEAD"
   */
  method: z.enum(httpMethods).default('GET'),
  /**
   * Request headers. Vigil sends `user-agent: vigil-monitor` unless you set one.
   * @example { "accept-language": "de-DE", "authorization": "Bearer ${SHOP_TOKEN}" }
   */
  headers: z.record(z.string(), z.string()).optional(),
  /**
   * Request body, sent as is (set `content-type` in `headers`).
   * @example "{\"query\":\"mug\"}"
   */
  body: z.string().optional(),
  /**
   * Follow 3xx responses; when false a redirect is just its status.
   * @default true
   */
  followRedirects: z.boolean().default(true),
  /**
   * More redirects than this fail the check.
   * @default 5
   */
  maxRedirects: z.number().int().min(0).max(20).default(5),
  /**
   * Accept invalid or self-signed certificates (use a `tls` check to watch the certificate itself).
   * @default false
   */
  insecure: z.boolean().default(false),
  /**
   * What the response must satisfy. Unless one of them asserts `status`, the
   * status must also be below 400 (2xx or 3xx), so a 500 page that happens to
   * contain the right words still fails.
   * @example [{ status: 200 }, { responseTime: { lessThan: 800 } }, { body: { contains: "Add to cart" } }]
   */
  assertions: z.array(httpAssertionSchema).optional(),
  /**
   * Values read from every response (price, title, build id, counts) and compared across deployments.
   * @example [{ name: "price", selector: "[data-testid=price]", normalise: ["currency"] }, { name: "count", jsonPath: "$.total" }]
   */
  extract: extractionsSchema.optional(),
}).strict();

export type HttpSpec = z.infer<typeof httpSchema>;

/** The status check applied when the assertions name none. */
export const defaultStatusComparison: Comparison = { lessThan: 400 };

export const httpDefinition = {
  kind: 'http',
  schema: httpSchema,
  describe: (spec) => `${spec.method} ${spec.url ?? spec.path ?? '/'}`,
} satisfies CheckDefinition<'http', HttpSpec>;
