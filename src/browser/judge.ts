import type { Page } from 'playwright-core';
import { check, clip } from '../checks/assertions';
import type { BrowserAssertion } from '../checks/browser/definition';
import type { Comparison } from '../domain/comparison';
import type { PageWatch } from './page-watch';
import type { PageTimings } from './protocol';

export type Judged = { assertion: string; ok: boolean; actual?: string; failure?: string };

/** The worst value of one figure over every page the run loaded, with the page it came from. */
function worst(pages: PageTimings[], pick: (page: PageTimings) => number | undefined): { value: number; url: string } | undefined {
  let found: { value: number; url: string } | undefined;
  for (const page of pages) {
    const value = pick(page);
    if (value !== undefined && (!found || value > found.value)) found = { value, url: page.url };
  }
  return found;
}

function limit(label: string, unit: string, max: number, seen: { value: number; url: string } | undefined): Judged {
  const assertion = `${label} at most ${max}${unit}`;
  if (!seen) return { assertion, ok: true, actual: 'not reported' };
  const ok = seen.value <= max;
  const actual = `${Math.round(seen.value)}${unit} on ${new URL(seen.url).pathname}`;
  return { assertion, ok, actual, ...(ok ? {} : { failure: `${label} ${actual}, expected at most ${max}${unit}` }) };
}

/**
 * Judges the assertions after the flow. Element assertions read the final
 * page, so they are only judged when every step passed (otherwise the failed
 * step is the story).
 */
export async function judge(assertions: readonly BrowserAssertion[], watch: PageWatch, page: Page, flowPassed: boolean): Promise<Judged[]> {
  const results: Judged[] = [];
  const pages = watch.pages;
  for (const a of assertions) {
    if (a.noConsoleErrors) {
      const ok = watch.consoleErrors.length === 0;
      const actual = ok ? 'none' : `${watch.consoleErrors.length}: ${clip(watch.consoleErrors[0]!, 150)}`;
      results.push({ assertion: 'no console errors', ok, actual, ...(ok ? {} : { failure: `console error ${actual}` }) });
    } else if (a.noFailedRequests) {
      const failed = watch.failedRequests.filter((request) => request.sameOrigin);
      const ok = watch.sameOriginFailures === 0;
      const first = failed[0];
      const actual = ok || !first ? 'none' : `${watch.sameOriginFailures}: ${first.method} ${new URL(first.url).pathname} ${first.status ?? first.failure}`;
      results.push({ assertion: 'no failed same-origin requests', ok, actual, ...(ok ? {} : { failure: `failed request ${actual}` }) });
    } else if (a.maxTtfb !== undefined) results.push(limit('TTFB', 'ms', a.maxTtfb, worst(pages, (p) => p.ttfbMs)));
    else if (a.maxLcp !== undefined) results.push(limit('LCP', 'ms', a.maxLcp, worst(pages, (p) => p.lcpMs)));
    else if (a.maxLoad !== undefined) results.push(limit('load', 'ms', a.maxLoad, worst(pages, (p) => p.loadMs)));
    else if (a.maxPageWeight !== undefined) results.push(limit('page weight', ' bytes', a.maxPageWeight, worst(pages, (p) => p.weightBytes)));
    else if (a.visible !== undefined) {
      const assertion = `${a.visible} visible`;
      if (!flowPassed) results.push({ assertion, ok: false, actual: 'not judged: a step failed' });
      else {
        const ok = await page.locator(a.visible).first().isVisible().catch(() => false);
        results.push({ assertion, ok, actual: ok ? 'visible' : 'not visible', ...(ok ? {} : { failure: `${a.visible} not visible` }) });
      }
    } else if (a.text) {
      const { selector, ...comparison } = a.text;
      if (!flowPassed) results.push({ assertion: `text of ${selector}`, ok: false, actual: 'not judged: a step failed' });
      else {
        const text = (await page.locator(selector).first().textContent({ timeout: 2_000 }).catch(() => null)) ?? '';
        results.push(check(`text of ${selector}`, text.trim(), comparison as Comparison));
      }
    }
  }
  return results;
}
