import { z } from 'zod';
import { apiUrl } from '../shared/schema-fields';

export const opsgenieSchema = z
  .object({
    kind: z.literal('opsgenie'),
    /**
     * The key of an API integration (Settings → Integrations → API), with create and update rights.
     * Keep it in an environment variable.
     * @example "eb243592-faa2-4ba2-a551-1afdf565c889"
     */
    apiKey: z.string().min(1),
    /**
     * The API base URL: `https://api.eu.opsgenie.com` for accounts in the EU region.
     * @example "https://api.eu.opsgenie.com"
     */
    apiUrl: apiUrl('https://api.opsgenie.com'),
    /**
     * Tags added to every alert, besides `vigil` and the deployment; Opsgenie routes and filters on tags.
     * @example ["storefront", "team-web"]
     */
    tags: z.array(z.string().min(1).max(50)).max(15).default([]),
  })
  .strict();

export type OpsgenieConfig = z.infer<typeof opsgenieSchema>;
