/**
 * A deliberately small JSONPath: `$`, `.key`, `['key']`, `[0]`, `[-1]`, `[*]`, `.*`
 * and `.length`. Enough to reach a price or count a product list; anything
 * cleverer belongs in a browser flow.
 */
export type JsonPathSegment = { type: 'key'; key: string } | { type: 'index'; index: number } | { type: 'wildcard' };

const token = /^(?:\.([A-Za-z_$][\w$-]*)|\.\*|\[\*\]|\[(-?\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;

/** Parses a path, or returns an error message naming where it stopped making sense. */
export function parseJsonPath(path: string): JsonPathSegment[] | { error: string } {
  if (!path.startsWith('$')) return { error: 'a JSON path starts with $' };
  const segments: JsonPathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (!match) return { error: `unexpected "${rest.slice(0, 20)}" at position ${path.length - rest.length}` };
    const [whole, dotKey, index, singleQuoted, doubleQuoted] = match;
    const key = dotKey ?? singleQuoted ?? doubleQuoted;
    if (key !== undefined) segments.push({ type: 'key', key });
    else if (index !== undefined) segments.push({ type: 'index', index: Number(index) });
    else segments.push({ type: 'wildcard' });
    rest = rest.slice(whole.length);
  }
  return segments;
}

/** Every value the path reaches; `[*]` fans out, a missing step yields nothing. */
export function selectJsonPath(root: unknown, segments: readonly JsonPathSegment[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) step(value, segment, next);
    current = next;
  }
  return current;
}

function step(value: unknown, segment: JsonPathSegment, out: unknown[]): void {
  if (segment.type === 'wildcard') {
    if (Array.isArray(value)) out.push(...value);
    else if (isRecord(value)) out.push(...Object.values(value));
    return;
  }
  if (segment.type === 'index') {
    if (!Array.isArray(value)) return;
    const at = segment.index < 0 ? value.length + segment.index : segment.index;
    if (at >= 0 && at < value.length) out.push(value[at]);
    return;
  }
  if (isRecord(value) && Object.hasOwn(value, segment.key)) out.push(value[segment.key]);
  else if (segment.key === 'length' && (Array.isArray(value) || typeof value === 'string')) out.push(value.length);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
