import { z } from 'zod';

/** Schema pieces repeated across channel configs. Pure: the config loader imports them. */

export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an absolute http:// or https:// URL' });

/** An API base URL with a default, overridable for a proxy, a regional endpoint or a test receiver. */
export function apiUrl(defaultUrl: string) {
  return httpUrl.default(defaultUrl);
}
