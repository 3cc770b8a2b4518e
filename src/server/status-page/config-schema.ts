import { z } from 'zod';
import type { RawProblem } from '../../config/zod-problems';

/** A component of the public status page: what customers recognise ("Checkout"), mapped to the checks behind it. */
export const statusComponentSchema = z
  .object({
    /** What visitors see. @example "Checkout" */
    name: z.string().min(1).max(80),
    /** One line under the name. @example "Cart, payment and order confirmation" */
    description: z.string().max(300).optional(),
    /** Check names (as in `checks[].name`) behind this component. @example ["checkout page", "checkout flow"] */
    checks: z.array(z.string().min(1)).min(1).optional(),
    /** Every check with one of these tags. @example ["storefront"] */
    tags: z.array(z.string().min(1)).min(1).optional(),
    /** Every check of these page types. @example ["product"] */
    pageTypes: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((component) => component.checks || component.tags || component.pageTypes, { error: 'expected at least one of checks, tags or pageTypes' });

/**
 * The public status page, served at /status (no login, no JavaScript).
 * @example { title: "Acme Outdoor status", components: [{ name: "Checkout", pageTypes: ["checkout"] }], port: 8788 }
 */
export const statusPageSchema = z
  .object({
    /** The page heading. @example "Acme Outdoor status" */
    title: z.string().min(1).max(120),
    components: z.array(statusComponentSchema).min(1, { error: 'expected at least one component' }),
    /** Show check names and error messages to the public. Off by default: the page shows states only. */
    showDetails: z.boolean().default(false),
    /** Also serve the status page alone on this port (e.g. for a separate public hostname). @example 8788 */
    port: z.number().int().min(0).max(65535).optional(),
  })
  .strict();

export type StatusComponent = z.output<typeof statusComponentSchema>;
export type StatusPageConfig = z.output<typeof statusPageSchema>;

/** Components must name checks and page types that exist, and be distinct. */
export function checkStatusPage(
  statusPage: StatusPageConfig | undefined,
  known: { checkNames: readonly string[]; pageTypes: readonly string[]; tags: readonly string[]; serverPort?: number },
  problems: RawProblem[],
): StatusPageConfig | undefined {
  if (!statusPage) return undefined;
  if (statusPage.port !== undefined && statusPage.port !== 0 && statusPage.port === known.serverPort) {
    problems.push({ path: ['statusPage', 'port'], message: `expected a port other than server.port (${known.serverPort}): the status page is already at /status there` });
  }
  const seen = new Set<string>();
  statusPage.components.forEach((component, index) => {
    if (seen.has(component.name)) problems.push({ path: ['statusPage', 'components', index, 'name'], message: `duplicate component name "${component.name}"` });
    seen.add(component.name);
    component.checks?.forEach((name, position) => {
      if (!known.checkNames.includes(name)) problems.push({ path: ['statusPage', 'components', index, 'checks', position], message: `expected the name of a configured check, got "${name}"` });
    });
    component.pageTypes?.forEach((name, position) => {
      if (!known.pageTypes.includes(name)) problems.push({ path: ['statusPage', 'components', index, 'pageTypes', position], message: `expected one of the declared page types (${known.pageTypes.join(', ') || 'none declared'}), got "${name}"` });
    });
    component.tags?.forEach((tag, position) => {
      if (!known.tags.includes(tag)) problems.push({ path: ['statusPage', 'components', index, 'tags', position], message: `no check has the tag "${tag}"` });
    });
  });
  return statusPage;
}
