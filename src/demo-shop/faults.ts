import { z } from 'zod';

export const pageTypeNames = [
  'home',
  'landing',
  'collection',
  'product',
  'cart',
  'checkout',
  'account',
  'search',
  'api',
  'sitemap',
] as const;

export type PageTypeName = (typeof pageTypeNames)[number];

/** Fault switches of one deployment. Every field is independent; `resetFaults()` returns to `healthyFaults()`. */
export type FaultState = {
  /** Extra delay in ms before answering, per page type; `all` applies to every request (the larger of the two wins). */
  slow: Partial<Record<PageTypeName | 'all', number>>;
  /** Every page answers with this status and an error page. */
  errorStatus: null | 500 | 503;
  /** Limits `errorStatus` to these page types; empty or undefined means every page. */
  errorPageTypes?: PageTypeName[];
  /** Accept the request and never answer. */
  timeout: boolean;
  /** The add-to-cart button's JS breaks (a front-end regression); the cart API keeps working. */
  brokenAddToCart: boolean;
  /** Dollars added to every price on this deployment. */
  priceDelta: number;
  /** Serve this build id instead of the real one (wrong build deployed). */
  buildId: string | null;
  /** Which certificate HTTPS serves to new TLS connections. */
  certificate: 'valid' | 'expired' | 'near-expiry';
  /** 0 = off; N = every Nth request (counted from when this was set) answers 500. */
  flapEvery: number;
  /** Destroy the socket on every request (clients see ECONNRESET). */
  resetConnections: boolean;
  /** Answer with bytes that are not HTTP, then close. */
  garbage: boolean;
};

export function healthyFaults(): FaultState {
  return {
    slow: {},
    errorStatus: null,
    errorPageTypes: [],
    timeout: false,
    brokenAddToCart: false,
    priceDelta: 0,
    buildId: null,
    certificate: 'valid',
    flapEvery: 0,
    resetConnections: false,
    garbage: false,
  };
}

const pageTypeSchema = z.enum(pageTypeNames);
const slowKeys = [...pageTypeNames, 'all'] as const;
const delayMs = z.number().int().min(0).max(600_000);

/**
 * A patch merges at the top level: `slow` and `errorPageTypes` are replaced
 * whole, so a patch can also clear them.
 */
export const faultPatchSchema = z.strictObject({
  slow: z.partialRecord(z.enum(slowKeys), delayMs).optional(),
  errorStatus: z.union([z.literal(500), z.literal(503), z.null()], { error: 'expected 500, 503 or null' }).optional(),
  errorPageTypes: z.array(pageTypeSchema).optional(),
  timeout: z.boolean().optional(),
  brokenAddToCart: z.boolean().optional(),
  priceDelta: z.number().min(-100_000).max(100_000).optional(),
  buildId: z.string().min(1).max(200).nullable().optional(),
  certificate: z.enum(['valid', 'expired', 'near-expiry']).optional(),
  flapEvery: z.number().int().min(0).max(1_000_000).optional(),
  resetConnections: z.boolean().optional(),
  garbage: z.boolean().optional(),
});

export type FaultPatch = z.infer<typeof faultPatchSchema>;

export type PatchProblem = { field: string; message: string };

export type ParsedPatch =
  | { ok: true; patch: Partial<FaultState> }
  | { ok: false; problems: PatchProblem[]; message: string };

export function parseFaultPatch(input: unknown): ParsedPatch {
  const result = faultPatchSchema.safeParse(input);
  if (result.success) return { ok: true, patch: dropUndefined(result.data) };
  const problems = result.error.issues.flatMap((issue): PatchProblem[] => {
    const base = issue.path.map(String).join('.');
    // An unknown key has an empty path; name the key itself so the caller sees which field is wrong.
    if (issue.code === 'unrecognized_keys') {
      const message = base === 'slow' ? `not a page type (expected one of ${slowKeys.join(', ')})` : base ? 'unknown key' : 'unknown fault field';
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message }));
    }
    return [{ field: base || '(body)', message: issue.message }];
  });
  const message = `Invalid fault patch: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`;
  return { ok: false, problems, message };
}

export function mergeFaults(current: FaultState, patch: Partial<FaultState>): FaultState {
  const next: FaultState = { ...current, ...dropUndefined(patch) };
  next.slow = { ...next.slow };
  next.errorPageTypes = [...(next.errorPageTypes ?? [])];
  return next;
}

export function slowDelay(faults: FaultState, pageType: PageTypeName | null): number {
  const all = faults.slow.all ?? 0;
  const specific = pageType ? (faults.slow[pageType] ?? 0) : 0;
  return Math.max(all, specific);
}

export function errorApplies(faults: FaultState, pageType: PageTypeName | null): boolean {
  if (faults.errorStatus === null) return false;
  const limited = faults.errorPageTypes ?? [];
  if (limited.length === 0) return true;
  return pageType !== null && limited.includes(pageType);
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}
