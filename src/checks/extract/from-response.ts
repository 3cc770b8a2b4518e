import type { IncomingHttpHeaders } from 'node:http';
import { parse, type HTMLElement } from 'node-html-parser';
import { parseJsonPath, selectJsonPath } from '../http/json-path';
import { clipValue, type Extracted, type Extraction } from './definition';

/** True when some extraction needs the body (not only headers). */
export function extractionsNeedBody(extractions: readonly Extraction[] | undefined): boolean {
  return (extractions ?? []).some((extraction) => extraction.header === undefined);
}

/**
 * Extracts each value from an HTTP response: CSS selectors through
 * node-html-parser, JSON paths, regular expressions (the first capture
 * group) and headers. A source that matches nothing gives `null`, which
 * compares as a value of its own ("missing"), never as an error.
 */
export function extractFromResponse(extractions: readonly Extraction[], response: { text?: string; headers: IncomingHttpHeaders }): Extracted {
  const extracted: Extracted = {};
  // Parsed at most once per run, only when some extraction needs it.
  let html: HTMLElement | undefined;
  let json: { value: unknown } | undefined;
  const text = response.text ?? '';
  for (const extraction of extractions) {
    let value: string | null = null;
    if (extraction.header !== undefined) {
      const raw = response.headers[extraction.header.toLowerCase()];
      value = raw === undefined ? null : Array.isArray(raw) ? raw.join(', ') : raw;
    } else if (extraction.regex !== undefined) {
      value = new RegExp(extraction.regex).exec(text)?.[1] ?? null;
    } else if (extraction.jsonPath !== undefined) {
      json ??= parseJson(text);
      const path = parseJsonPath(extraction.jsonPath);
      const found = 'error' in path ? [] : selectJsonPath(json.value, path);
      value = found.length === 0 ? null : asText(found[0]);
    } else if (extraction.selector !== undefined) {
      html ??= parse(text);
      const element = html.querySelector(extraction.selector);
      if (element) value = extraction.attribute === undefined ? element.textContent : (element.getAttribute(extraction.attribute) ?? null);
    }
    extracted[extraction.name] = value === null ? null : clipValue(value);
  }
  return extracted;
}

function parseJson(text: string): { value: unknown } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { value: undefined };
  }
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
