import type { ConfigInput } from './schema';
import type { CheckSpecInput } from '../checks/definitions';
import type { z } from 'zod';
import type { commonCheckSchema } from './schema';

/** A check as written in a config file: the common fields plus those of its kind. */
export type CheckInput = Omit<z.input<typeof commonCheckSchema>, 'kind'> & CheckSpecInput;

export type VigilConfigInput = Omit<ConfigInput, 'checks'> & { checks?: CheckInput[] };

/**
 * Declares a Vigil config with editor completion and type checking.
 *
 * @example
 * export default defineConfig({
 *   site: { name: 'Acme Outdoor' },
 *   deployments: [{ name: 'production', baseUrl: 'https://shop.example.com', role: 'primary' }],
 *   pageTypes: { home: { paths: ['/'] } },
 *   checks: [{ name: 'home page', kind: 'http', pageType: 'home', assertions: [{ status: 200 }] }],
 * });
 */
export function defineConfig(config: VigilConfigInput): VigilConfigInput {
  return config;
}

/** Typed helper for one check, handy when checks are built in a loop. @example httpCheck({ name: 'home', path: '/' }) */
export function httpCheck(check: Omit<Extract<CheckInput, { kind: 'http' }>, 'kind'>): CheckInput {
  return { ...check, kind: 'http' } as CheckInput;
}
