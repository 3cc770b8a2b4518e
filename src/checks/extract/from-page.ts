import type { Page } from 'playwright-core';
import { clipValue, type Extracted, type Extraction } from './definition';

/**
 * Extracts each value from the final page of a browser run: a Playwright
 * locator's text (or attribute), a regular expression over the page's HTML.
 * JSON paths and headers have no meaning for a page and give `null`.
 * Short timeouts: the page has already settled, and a missing element is a value, not a wait.
 */
export async function extractFromPage(page: Page, extractions: readonly Extraction[]): Promise<Extracted> {
  const extracted: Extracted = {};
  let html: string | undefined;
  for (const extraction of extractions) {
    let value: string | null = null;
    try {
      if (extraction.selector !== undefined) {
        const locator = page.locator(extraction.selector).first();
        if ((await locator.count()) > 0) {
          value = extraction.attribute === undefined ? await locator.textContent({ timeout: 1_000 }) : await locator.getAttribute(extraction.attribute, { timeout: 1_000 });
        }
      } else if (extraction.regex !== undefined) {
        html ??= await page.content();
        value = new RegExp(extraction.regex).exec(html)?.[1] ?? null;
      }
    } catch {
      // A closed or navigating page: nothing to read, which the comparison shows as missing.
      value = null;
    }
    extracted[extraction.name] = value === null ? null : clipValue(value);
  }
  return extracted;
}
