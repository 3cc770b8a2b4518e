import { z } from 'zod';
import { httpUrl } from '../shared/schema-fields';

export const teamsSchema = z
  .object({
    kind: z.literal('teams'),
    /**
     * The HTTP POST URL of a Teams workflow "When a Teams webhook request is received"
     * (Workflows app → "Post to a channel when a webhook request is received").
     * It carries its own signature: keep it in an environment variable.
     * @example "https://prod-12.westeurope.logic.azure.com:443/workflows/0a1b.../triggers/manual/paths/invoke?api-version=2016-06-01&sig=..."
     */
    webhookUrl: httpUrl,
  })
  .strict();

export type TeamsConfig = z.infer<typeof teamsSchema>;
