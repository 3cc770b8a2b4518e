import type { APIRequestContext, Page } from 'playwright-core';

/**
 * What a flow script receives. A flow script is a TypeScript module that
 * exports `async function flow(ctx: FlowContext)` (or a default export), and
 * optionally `cleanup(ctx: CleanupContext)`:
 *
 * @example
 * import type { FlowContext } from '../../src/browser/flow-api';
 * export async function flow({ page, step }: FlowContext) {
 *   await step('land', () => page.goto('/'));
 *   await step('add to cart', () => page.click('[data-testid=add-to-cart]'));
 *   await step('place order', () => page.click('[data-testid=place-order]'), { production: false });
 * }
 */
export type FlowContext = {
  /** A fresh page in a fresh context; relative URLs in `page.goto` resolve against the deployment's base URL. */
  page: Page;
  /**
   * Runs `fn` as one named, timed step. A step that throws fails the run and is
   * named in the alert. `{ production: false }` skips the step (returning
   * undefined) on production deployments.
   */
  step<T>(name: string, fn: () => Promise<T>, options?: StepOptions): Promise<T | undefined>;
  /** e.g. `https://shop.example.com` */
  baseUrl: string;
  /** The deployment's name, e.g. `production`. */
  deployment: string;
  /** False only on the check's `testDeployments`. */
  isProduction: boolean;
};

export type StepOptions = {
  /** `false`: never run this step on a production deployment. @default true */
  production?: boolean;
};

export type CleanupContext = {
  page: Page;
  /** Sends requests with the run's cookies, e.g. `request.delete('/api/cart', { data: { slug } })`. */
  request: APIRequestContext;
  baseUrl: string;
};

export type Flow = (ctx: FlowContext) => Promise<void>;
export type Cleanup = (ctx: CleanupContext) => Promise<void>;
export type FlowModule = { flow?: Flow; default?: Flow; cleanup?: Cleanup };
