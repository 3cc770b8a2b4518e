import { z } from 'zod';
import { comparisonSchema } from '../../domain/comparison';
import { exactlyOne } from '../assertions';
import type { CheckDefinition } from '../types';
import { extractionsSchema } from '../extract/definition';

const operators = Object.keys(comparisonSchema.shape);
const operatorMessage = `expected exactly one operator: ${operators.join(', ')}`;

const selector = z.string().min(1, { message: 'expected a CSS or Playwright selector' });

/** A selector and one comparison on its text content. */
const selectorTextSchema = z
  .object({ selector, ...comparisonSchema.shape })
  .strict()
  .refine((value) => exactlyOne(value, operators), { message: operatorMessage });

const fillSchema = z.object({ selector, value: z.string() }).strict();

export const stepActions = ['goto', 'click', 'fill', 'select', 'expectVisible', 'expectText', 'expectUrl', 'waitFor'] as const;
export type StepAction = (typeof stepActions)[number];

/**
 * One step of a declarative flow: exactly one action, an optional name (the
 * label its timing is stored under) and safety marks.
 *
 * @example { name: "open product", goto: "/products/weekend-cotton-turtleneck" }
 * @example { name: "add to cart", click: "[data-testid=add-to-cart]" }
 * @example { fill: { selector: "[data-testid=search-input]", value: "wool" } }
 * @example { expectText: { selector: "[data-testid=cart-count]", equals: "1" } }
 * @example { name: "place order", click: "[data-testid=place-order]", production: false }
 */
export const browserStepSchema = z
  .object({
    /** Label for this step's timing and for failure messages; defaults to the action, e.g. `click [data-testid=checkout]`. */
    name: z.string().min(1).optional(),
    /** Navigate to a path on the deployment (or an absolute URL). @example "/collections/jackets" */
    goto: z.string().min(1).optional(),
    /** Click the first element matching the selector. @example "[data-testid=add-to-cart]" */
    click: selector.optional(),
    /** Type a value into an input. @example { selector: "[name=email]", value: "monitor@example.com" } */
    fill: fillSchema.optional(),
    /** Choose an option (by value or label) in a `<select>`. @example { selector: "[name=size]", value: "M" } */
    select: fillSchema.optional(),
    /** The element must become visible. @example "[data-testid=cart-confirmation]" */
    expectVisible: selector.optional(),
    /** The element's text must satisfy the comparison (retried until the step times out). @example { selector: "h1", contains: "Checkout" } */
    expectText: selectorTextSchema.optional(),
    /** The page URL must satisfy the comparison. @example { contains: "/checkout" } */
    expectUrl: comparisonSchema.optional(),
    /** Wait for an element to appear (a selector) or a fixed time (a number of ms, use sparingly). @example "[data-testid=search-results]" */
    waitFor: z.union([selector, z.number().int().min(0).max(60_000)]).optional(),
    /**
     * `false` marks a step that must never run in production (placing an order,
     * charging a card): it runs only on the deployments listed in the check's
     * `testDeployments` and is skipped (and reported as skipped) everywhere else.
     * @default true
     */
    production: z.boolean().default(true),
    /** Per-step limit in ms; defaults to 10 s, or what is left of the check's timeout if that is less. @example 20000 */
    timeout: z.number().int().min(100).max(600_000).optional(),
  })
  .strict()
  .refine((step) => exactlyOne(step, stepActions), { message: `expected exactly one action: ${stepActions.join(', ')}` });

export type BrowserStep = z.infer<typeof browserStepSchema>;

const assertionKeys = ['noConsoleErrors', 'noFailedRequests', 'maxTtfb', 'maxLcp', 'maxLoad', 'maxPageWeight', 'visible', 'text'] as const;
const ms = z.number().int().min(0);

/**
 * One thing the run must satisfy, judged after the flow; exactly one key each.
 * Timing and weight limits apply to every page the run loaded.
 *
 * @example { noConsoleErrors: true }
 * @example { noFailedRequests: true }
 * @example { maxLcp: 2500 }
 * @example { maxPageWeight: 2000000 }
 * @example { visible: "[data-testid=add-to-cart]" }
 * @example { text: { selector: "[data-testid=price]", contains: "$" } }
 */
export const browserAssertionSchema = z
  .object({
    /** No `console.error` and no uncaught exception on any page. */
    noConsoleErrors: z.literal(true).optional(),
    /** No request to the deployment's own origin failed or answered 4xx/5xx (third parties are reported, not judged). */
    noFailedRequests: z.literal(true).optional(),
    /** Time to first byte of each document, ms. @example 800 */
    maxTtfb: ms.optional(),
    /** Largest Contentful Paint, ms (when Chromium reports one). @example 2500 */
    maxLcp: ms.optional(),
    /** Until the `load` event, ms. @example 3000 */
    maxLoad: ms.optional(),
    /** Bytes transferred for each page, document and resources. @example 2000000 */
    maxPageWeight: z.number().int().min(0).optional(),
    /** An element visible at the end of the run. @example "[data-testid=checkout]" */
    visible: selector.optional(),
    /** An element's text at the end of the run. @example { selector: "[data-testid=price]", contains: "$" } */
    text: selectorTextSchema.optional(),
  })
  .strict()
  .refine((a) => exactlyOne(a, assertionKeys), { message: `expected exactly one of: ${assertionKeys.join(', ')}` });

export type BrowserAssertion = z.infer<typeof browserAssertionSchema>;

/**
 * An HTTP request sent with the run's cookies after the flow, passed or failed.
 * @example { method: "DELETE", path: "/api/cart", body: "{\"slug\":\"blue-mug\"}" }
 */
const cleanupRequestSchema = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
    path: z.string().startsWith('/', { message: 'expected a path starting with /' }),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional(),
  })
  .strict();

/**
 * A Chromium page (or a whole user flow) against each deployment, judged by what a person would see.
 *
 * @example { kind: "browser", path: "/products/weekend-cotton-turtleneck", assertions: [{ visible: "[data-testid=add-to-cart]" }, { noConsoleErrors: true }] }
 * @example { kind: "browser", script: "./flows/checkout.ts", testDeployments: ["staging"] }
 */
export const browserSchema = z
  .object({
    kind: z.literal('browser'),
    /**
     * Page opened first, joined to the deployment's base URL. Without `path`, `url`,
     * `steps` or `script` the check loads `/`; a check on a page type without
     * either runs once per path of the page type.
     * @example "/collections/jackets"
     */
    path: z.string().startsWith('/', { message: 'expected a path starting with /' }).optional(),
    /** An absolute URL opened first instead of `path`. @example "https://shop.example.com/landing/sale" */
    url: z.url({ protocol: /^https?$/, message: 'expected an absolute http:// or https:// URL' }).optional(),
    /**
     * A flow without code: run in order, each timed under its name; the first failure stops the flow.
     * @example [{ name: "land", goto: "/" }, { name: "add to cart", click: "[data-testid=add-to-cart]" }]
     */
    steps: z.array(browserStepSchema).min(1).optional(),
    /**
     * A TypeScript module (relative to the config file) exporting
     * `async function flow({ page, step, baseUrl, isProduction })`; `step(name, fn)` times a named step.
     * It may also export `cleanup({ page, baseUrl })`, run after the flow, passed or failed.
     * Or an ordinary `@playwright/test` spec file, unmodified: each `test.step` is a timed step,
     * `baseURL` is the deployment's (see docs/flows.md for the supported subset).
     * @example "./flows/checkout.ts"
     * @example "./flows/checkout.spec.ts"
     */
    script: z.string().min(1).optional(),
    /** What the run must satisfy besides its steps. @example [{ noConsoleErrors: true }, { maxLcp: 2500 }] */
    assertions: z.array(browserAssertionSchema).optional(),
    /** @default { width: 1280, height: 800 } @example { width: 390, height: 844 } */
    viewport: z
      .object({ width: z.number().int().min(200).max(4096), height: z.number().int().min(200).max(4096) })
      .strict()
      .default({ width: 1280, height: 800 }),
    /**
     * Deployments that are not production (staging, preview): the only ones where steps marked `production: false` run.
     * @example ["staging", "preview"]
     */
    testDeployments: z.array(z.string().min(1)).default([]),
    /**
     * Undo what the flow changed (empty the cart, release reserved stock), run in the same browser session
     * after every run, passed or failed. A failing cleanup is reported in the result's details, not as a failed check.
     * @example { requests: [{ method: "DELETE", path: "/api/cart", body: "{\"slug\":\"blue-mug\"}" }] }
     * @example { script: "./flows/empty-cart.ts" }
     */
    cleanup: z
      .object({
        requests: z.array(cleanupRequestSchema).optional(),
        /** A module (relative to the config file) exporting `async function cleanup({ page, baseUrl })`. */
        script: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /**
     * What a failed run keeps. `on-failure`: a screenshot of every failed run, and a Playwright
     * trace of the runs that follow a failure (the confirming re-checks), so a confirmed outage
     * always has a trace while passing runs pay nothing for tracing (about 1 s a run).
     * `trace-every-run` traces every run and keeps the trace of any failure; `screenshot-only`; `off`.
     * @default "on-failure"
     */
    evidence: z.enum(['on-failure', 'trace-every-run', 'screenshot-only', 'off']).default('on-failure'),
    /**
     * Values read from the final page (a locator's text or attribute, or a regex over the HTML) and compared across deployments.
     * @example [{ name: "price", selector: "[data-testid=price]", normalise: ["currency"] }]
     */
    extract: extractionsSchema
      .superRefine((list, ctx) => {
        list.forEach((extraction, index) => {
          const source = extraction.jsonPath !== undefined ? 'jsonPath' : extraction.header !== undefined ? 'header' : undefined;
          if (source) ctx.addIssue({ code: 'custom', path: [index, source], message: `a browser check extracts with selector or regex; ${source} is for http checks` });
        });
      })
      .optional(),
  })
  .strict()
  .refine((spec) => !(spec.steps && spec.script), { message: 'expected either steps or script, not both', path: ['script'] });

export type BrowserSpec = z.infer<typeof browserSchema>;

/** The label a step's timing is stored under. */
export function stepLabel(step: BrowserStep): string {
  if (step.name) return step.name;
  const action = stepActions.find((key) => step[key] !== undefined);
  if (!action) return 'step';
  const value = step[action];
  if (typeof value === 'string') return `${action} ${value}`;
  return `${action} ${typeof value === 'object' && 'selector' in value ? value.selector : JSON.stringify(value)}`;
}

export const browserDefinition = {
  kind: 'browser',
  schema: browserSchema,
  describe: (spec) => {
    if (spec.script) return `flow ${spec.script.split('/').pop() ?? spec.script}`;
    const start = spec.url ?? spec.path;
    if (spec.steps) return `flow of ${spec.steps.length} step${spec.steps.length === 1 ? '' : 's'}${start ? ` from ${start}` : ''}`;
    return `browser ${start ?? '/'}`;
  },
} satisfies CheckDefinition<'browser', BrowserSpec>;
