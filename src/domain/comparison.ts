import { z } from 'zod';

/**
 * One comparison applied to a value a check observed (a status code, a body,
 * a JSON path, a header, a duration). Exactly one operator per comparison keeps
 * each assertion readable and its failure message precise.
 *
 * @example { equals: 200 }
 * @example { contains: "Add to cart" }
 * @example { lessThan: 800 }
 */
export const comparisonSchema = z
  .object({
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    notEquals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    contains: z.string().optional(),
    notContains: z.string().optional(),
    /** A regular expression (JavaScript syntax) the value must match. */
    matches: z
      .string()
      .refine((source) => isValidRegex(source), { message: 'expected a valid regular expression' })
      .optional(),
    lessThan: z.number().optional(),
    greaterThan: z.number().optional(),
    in: z.array(z.union([z.string(), z.number()])).min(1).optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine((c) => Object.values(c).filter((v) => v !== undefined).length === 1, {
    message: 'expected exactly one operator: equals, notEquals, contains, notContains, matches, lessThan, greaterThan, in or exists',
  });

export type Comparison = z.infer<typeof comparisonSchema>;

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Accepts a bare value as shorthand for `{ equals: value }` (e.g. `status: 200`). */
export const comparisonOrValueSchema = z.preprocess(
  (input) => (input !== null && typeof input === 'object' && !Array.isArray(input) ? input : { equals: input }),
  comparisonSchema,
);

export type ComparisonOutcome = { ok: boolean; description: string; actual: string };

/** Applies a comparison to an observed value; `subject` names the value in the description (e.g. `status`). */
export function compare(subject: string, actual: unknown, comparison: Comparison): ComparisonOutcome {
  const shown = shorten(actual);
  const [operator, expected] = Object.entries(comparison).find(([, v]) => v !== undefined) ?? ['exists', true];
  const description = `${subject} ${operatorWords[operator as keyof Comparison]} ${operator === 'exists' ? '' : JSON.stringify(expected)}`.trim();
  const ok = evaluate(operator as keyof Comparison, actual, expected);
  return { ok, description, actual: shown };
}

const operatorWords: Record<keyof Comparison, string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  contains: 'contains',
  notContains: 'does not contain',
  matches: 'matches',
  lessThan: 'is less than',
  greaterThan: 'is greater than',
  in: 'is one of',
  exists: 'exists',
};

function evaluate(operator: keyof Comparison, actual: unknown, expected: unknown): boolean {
  switch (operator) {
    case 'equals':
      return looselyEqual(actual, expected);
    case 'notEquals':
      return !looselyEqual(actual, expected);
    case 'contains':
      return actual !== undefined && actual !== null && asText(actual).includes(String(expected));
    case 'notContains':
      return actual === undefined || actual === null || !asText(actual).includes(String(expected));
    case 'matches':
      return actual !== undefined && actual !== null && new RegExp(String(expected)).test(asText(actual));
    case 'lessThan':
      return typeof toNumber(actual) === 'number' && (toNumber(actual) as number) < Number(expected);
    case 'greaterThan':
      return typeof toNumber(actual) === 'number' && (toNumber(actual) as number) > Number(expected);
    case 'in':
      return (expected as unknown[]).some((candidate) => looselyEqual(actual, candidate));
    case 'exists':
      return (actual !== undefined && actual !== null) === expected;
  }
}

/** Config values come from YAML and JSON alike: `200` and `"200"` should compare equal. */
function looselyEqual(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (actual === undefined || expected === undefined) return false;
  if (typeof actual === 'object' || typeof expected === 'object') return JSON.stringify(actual) === JSON.stringify(expected);
  return String(actual) === String(expected);
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function shorten(value: unknown): string {
  const text = value === undefined ? 'undefined' : asText(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
