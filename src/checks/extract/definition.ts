import { z } from 'zod';
import { parseJsonPath } from '../http/json-path';

/**
 * What a check may pull out of what it saw (a price, a title, a build id) so
 * deployments can be compared value by value. Pure: zod only, so the config
 * loader, CLI and dashboard can import it.
 */

/** Turns a replace rule's pattern into a RegExp, or says why it cannot. */
export function compilePattern(pattern: string): RegExp | { error: string } {
  try {
    return new RegExp(pattern, 'g');
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const patternString = z.string().min(1).superRefine((pattern, ctx) => {
  const compiled = compilePattern(pattern);
  if ('error' in compiled) ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${compiled.error}` });
});

/**
 * One normalisation applied, in order, before values are compared across deployments.
 * - `whitespace`: trim and collapse runs of whitespace.
 * - `currency`: keep the amount only, so "$1,299.00", "1 299,00 €" and "USD 1299" compare equal (two decimals).
 * - `lowercase`.
 * - `{ replace: { pattern, with } }`: a regular expression (all matches) replaced, e.g. to drop a CSRF token or a timestamp.
 * @example "whitespace"
 * @example { replace: { pattern: "csrf=[0-9a-f]+", with: "" } }
 */
export const normaliseRuleSchema = z.union(
  [
    z.enum(['whitespace', 'currency', 'lowercase']),
    z.object({ replace: z.object({ pattern: patternString, with: z.string().default('') }).strict() }).strict(),
  ],
  { error: 'expected "whitespace", "currency", "lowercase" or { replace: { pattern, with } }' },
);

export type NormaliseRule = z.infer<typeof normaliseRuleSchema>;

const sources = ['selector', 'jsonPath', 'regex', 'header'] as const;

/**
 * A value a check extracts from each run, stored with the result and compared across deployments.
 * Exactly one source: `selector` (CSS; an element's text, or `attribute`), `jsonPath`, `regex`
 * (one capture group) or `header`.
 *
 * @example { name: "price", selector: "[data-testid=price]", normalise: ["currency"] }
 * @example { name: "build id", selector: "meta[name=build-id]", attribute: "content" }
 * @example { name: "catalog count", jsonPath: "$.total" }
 * @example { name: "build", regex: "build-([0-9.]+)" }
 * @example { name: "cache", header: "x-cache" }
 */
export const extractionSchema = z
  .object({
    /** How the value is named in comparisons and alerts. @example "price" */
    name: z.string().min(1).max(80),
    /** A CSS selector (HTTP checks) or Playwright selector (browser checks); the first match's text. @example "[data-testid=price]" */
    selector: z.string().min(1).optional(),
    /** A JSON path into a JSON body (HTTP checks). @example "$.products.length" */
    jsonPath: z
      .string()
      .superRefine((path, ctx) => {
        const parsed = parseJsonPath(path);
        if ('error' in parsed) ctx.addIssue({ code: 'custom', message: `invalid JSON path: ${parsed.error}` });
      })
      .optional(),
    /** A regular expression over the body with one capture group (HTTP checks) or the page's HTML (browser checks). @example "build-([\\w.-]+)" */
    regex: patternString
      .refine((pattern) => {
        const compiled = compilePattern(pattern);
        return 'error' in compiled || new RegExp(`${pattern}|`).exec('')!.length === 2;
      }, { message: 'expected a regular expression with exactly one capture group ( … )' })
      .optional(),
    /** A response header, case-insensitive (HTTP checks). @example "x-build-id" */
    header: z.string().min(1).optional(),
    /** With `selector`: read this attribute instead of the text. @example "content" */
    attribute: z.string().min(1).optional(),
    /** Rules applied in order before comparing. @example ["whitespace", "currency"] */
    normalise: z.array(normaliseRuleSchema).default([]),
  })
  .strict()
  .superRefine((extraction, ctx) => {
    const set = sources.filter((source) => extraction[source] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `expected exactly one of ${sources.join(', ')}${set.length > 1 ? `, got ${set.join(' and ')}` : ''}` });
    }
    if (extraction.attribute !== undefined && extraction.selector === undefined) {
      ctx.addIssue({ code: 'custom', path: ['attribute'], message: 'attribute needs a selector' });
    }
  });

export type Extraction = z.infer<typeof extractionSchema>;

/** A check's extractions; names must be unique within the check. */
export const extractionsSchema = z.array(extractionSchema).superRefine((list, ctx) => {
  list.forEach((extraction, index) => {
    if (list.findIndex((other) => other.name === extraction.name) !== index) {
      ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate extracted value name "${extraction.name}"` });
    }
  });
});

/** What a run extracted: the raw value per name, `null` when the source matched nothing. Stored as `details.extracted`. */
export type Extracted = Record<string, string | null>;

/** Longest raw value kept with a result. */
export const MAX_EXTRACTED_LENGTH = 500;

export function clipValue(value: string): string {
  return value.length > MAX_EXTRACTED_LENGTH ? value.slice(0, MAX_EXTRACTED_LENGTH) : value;
}

/** The `details.extracted` of a stored result, if it has one. */
export function extractedOf(details: Record<string, unknown> | undefined): Extracted | undefined {
  const value = details?.extracted;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Extracted) : undefined;
}
