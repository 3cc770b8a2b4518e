import type { Page, Response } from 'playwright-core';
import type { BrowserStep } from '../checks/browser/definition';
import { check } from '../checks/assertions';
import type { Comparison } from '../domain/comparison';

/** A failure a person can act on: what was expected, of which selector. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly selector?: string,
  ) {
    super(message);
  }
}

/** Opens a URL and fails on an error page (status ≥ 400), as a shopper would see it. */
export async function navigate(page: Page, target: string, baseUrl: string, timeout: number): Promise<Response | null> {
  const url = new URL(target, baseUrl).href;
  const response = await page.goto(url, { timeout, waitUntil: 'load' });
  if (response && response.status() >= 400) throw new StepError(`${new URL(url).pathname} answered ${response.status()} ${response.statusText()}`.trim());
  return response;
}

/** Polls until the comparison passes or the time runs out; the last failure is the message. */
async function until(timeout: number, probe: () => Promise<{ ok: boolean; failure?: string }>): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const outcome = await probe();
    if (outcome.ok) return;
    if (Date.now() >= deadline) throw new StepError(`${outcome.failure ?? 'condition not met'} after ${timeout}ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function comparisonOf(value: Comparison & { selector?: string }): Comparison {
  const { selector: _selector, ...comparison } = value;
  return comparison as Comparison;
}

/** Runs one declarative step. Throws StepError (or a Playwright error) when it fails. */
export async function runStep(page: Page, step: BrowserStep, baseUrl: string, timeout: number): Promise<void> {
  if (step.goto !== undefined) {
    await navigate(page, step.goto, baseUrl, timeout);
  } else if (step.click !== undefined) {
    await withSelector(step.click, () => page.locator(step.click!).first().click({ timeout }));
  } else if (step.fill) {
    const { selector, value } = step.fill;
    await withSelector(selector, () => page.locator(selector).first().fill(value, { timeout }));
  } else if (step.select) {
    const { selector, value } = step.select;
    await withSelector(selector, async () => {
      await page.locator(selector).first().selectOption(value, { timeout });
    });
  } else if (step.expectVisible !== undefined) {
    const selector = step.expectVisible;
    await withSelector(selector, () => page.locator(selector).first().waitFor({ state: 'visible', timeout }));
  } else if (step.expectText) {
    const { selector } = step.expectText;
    const comparison = comparisonOf(step.expectText);
    await withSelector(selector, () =>
      until(timeout, async () => {
        const text = (await page.locator(selector).first().textContent({ timeout: Math.min(timeout, 1_000) }).catch(() => null)) ?? '';
        return check(`text of ${selector}`, text.trim(), comparison);
      }),
    );
  } else if (step.expectUrl) {
    const comparison = step.expectUrl;
    await until(timeout, async () => check('url', page.url(), comparison));
  } else if (typeof step.waitFor === 'number') {
    await page.waitForTimeout(step.waitFor);
  } else if (step.waitFor !== undefined) {
    const selector = step.waitFor;
    await withSelector(selector, () => page.locator(selector).first().waitFor({ state: 'attached', timeout }));
  }
}

/** Tags a Playwright failure with the selector it was about, keeping only the message's first line (the call log is noise in an alert). */
async function withSelector(selector: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof StepError) throw new StepError(error.message, selector);
    const message = error instanceof Error ? error.message.split('\n')[0]!.trim() : String(error);
    throw new StepError(`${message} (selector ${selector})`, selector);
  }
}
