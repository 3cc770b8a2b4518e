import { describe, expect, it } from 'vitest';
import { httpSchema } from '../http/definition';
import { browserSchema } from '../browser/definition';
import { extractionSchema, type Extraction } from './definition';
import { extractFromResponse } from './from-response';

const html = `<!doctype html><html><head><meta name="build-id" content="build-7"></head><body>
<h1 data-testid="title">  Weekend   Cotton Turtleneck </h1>
<p class="price" data-testid="price" content="129.00">$129.00</p>
<form><input type="hidden" name="csrf" value="ab12"></form>
<footer>build <span data-testid="build-id">build-7</span></footer></body></html>`;
const json = JSON.stringify({ total: 120, items: [{ slug: 'a', price: 12.5 }, { slug: 'b', price: 3 }], build: { id: 'b-9' } });

const parse = (value: unknown): Extraction => extractionSchema.parse(value);

describe('extracting values from a response', () => {
  const cases: { name: string; extraction: unknown; body: string; headers?: Record<string, string>; value: string | null }[] = [
    { name: 'element text by CSS selector', extraction: { name: 'price', selector: '[data-testid=price]' }, body: html, value: '$129.00' },
    { name: 'attribute by CSS selector', extraction: { name: 'build', selector: 'meta[name=build-id]', attribute: 'content' }, body: html, value: 'build-7' },
    { name: 'raw text keeps its whitespace (normalised at comparison)', extraction: { name: 'title', selector: 'h1' }, body: html, value: '  Weekend   Cotton Turtleneck ' },
    { name: 'a selector that matches nothing', extraction: { name: 'stock', selector: '[data-testid=stock]' }, body: html, value: null },
    { name: 'a number by JSON path', extraction: { name: 'count', jsonPath: '$.total' }, body: json, value: '120' },
    { name: 'an array length by JSON path', extraction: { name: 'items', jsonPath: '$.items.length' }, body: json, value: '2' },
    { name: 'a nested string by JSON path', extraction: { name: 'build', jsonPath: "$.build['id']" }, body: json, value: 'b-9' },
    { name: 'a JSON path on a body that is not JSON', extraction: { name: 'count', jsonPath: '$.total' }, body: html, value: null },
    { name: 'the first capture group of a regex', extraction: { name: 'build', regex: 'build <span[^>]*>([^<]+)<' }, body: html, value: 'build-7' },
    { name: 'a regex that does not match', extraction: { name: 'build', regex: 'release-(\\d+)' }, body: html, value: null },
    { name: 'a header, case-insensitive', extraction: { name: 'cache', header: 'X-Cache' }, body: '', headers: { 'x-cache': 'HIT' }, value: 'HIT' },
    { name: 'a missing header', extraction: { name: 'cache', header: 'x-cache' }, body: '', value: null },
  ];
  it.each(cases)('$name', ({ extraction, body, headers, value }) => {
    const parsed = parse(extraction);
    expect(extractFromResponse([parsed], { text: body, headers: headers ?? {} })).toEqual({ [parsed.name]: value });
  });
});

describe('extraction config errors name the field', () => {
  const problems = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) =>
    (schema.safeParse(value).error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  it.each([
    [{ name: 'x' }, /expected exactly one of selector, jsonPath, regex, header/],
    [{ name: 'x', selector: 'h1', jsonPath: '$.a' }, /got selector and jsonPath/],
    [{ name: 'x', jsonPath: 'total' }, /jsonPath: invalid JSON path/],
    [{ name: 'x', regex: 'build-\\d+' }, /regex: expected a regular expression with exactly one capture group/],
    [{ name: 'x', regex: '(a' }, /regex: invalid regular expression/],
    [{ name: 'x', header: 'age', attribute: 'content' }, /attribute: attribute needs a selector/],
    [{ name: 'x', selector: 'h1', normalise: ['money'] }, /normalise.0: expected "whitespace", "currency", "lowercase"/],
    [{ name: 'x', selector: 'h1', normalise: [{ replace: { pattern: '[' } }] }, /invalid regular expression/],
  ])('%j', (extraction, message) => {
    expect(problems(extractionSchema, extraction).join('\n')).toMatch(message);
  });

  it('rejects two values with the same name in one check', () => {
    const result = problems(httpSchema, { kind: 'http', extract: [{ name: 'p', selector: 'h1' }, { name: 'p', selector: 'h2' }] });
    expect(result.join('\n')).toMatch(/extract.1.name: duplicate extracted value name "p"/);
  });

  it('rejects JSON paths and headers in a browser check', () => {
    const result = problems(browserSchema, { kind: 'browser', extract: [{ name: 'p', jsonPath: '$.a' }] });
    expect(result.join('\n')).toMatch(/extract.0.jsonPath: a browser check extracts with selector or regex/);
  });
});
