import { z } from 'zod';
import { apiUrl, pathId, token } from '../shared-schema';

export const netlifyProviderSchema = z
  .object({
    kind: z.literal('netlify'),
    /** The site's API id (Site settings → Site information). @example "3970e0fe-8564-4903-9a55-c5f8de49fb8b" */
    siteId: pathId('Netlify site id'),
    /** A personal access token. @example "${env:NETLIFY_TOKEN}" */
    token,
    /**
     * The deploy to restore. Without it, Vigil restores the deploy published
     * before the current one (from `GET /sites/{site_id}/deploys`).
     */
    deployId: pathId('Netlify deploy id').optional(),
    /** @example "https://api.netlify.com" */
    apiUrl: apiUrl('https://api.netlify.com'),
  })
  .strict();

export type NetlifyProviderConfig = z.infer<typeof netlifyProviderSchema>;
