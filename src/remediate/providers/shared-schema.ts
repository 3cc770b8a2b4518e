import { z } from 'zod';

/** Schema pieces shared by the providers. Pure: the config loader imports them. */

export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an absolute http:// or https:// URL' });

/** An API base URL with the service's default, overridable for a proxy or a local test server. */
export const apiUrl = (defaultUrl: string) => httpUrl.default(defaultUrl);

/** A token: written as `${env:NAME}` so it never sits in the file. */
export const token = z.string().min(1, 'expected a token (write it as "${env:NAME}")');

/** An id that goes into a URL path. */
export const pathId = (what: string) => z.string().regex(/^[A-Za-z0-9_.:-]+$/, `expected a ${what} (letters, digits, _ . : -)`);
