import { z } from 'zod';
import { apiUrl } from '../shared/schema-fields';

export const pagerdutySchema = z
  .object({
    kind: z.literal('pagerduty'),
    /**
     * The integration key of an Events API v2 integration on your PagerDuty service
     * (Service → Integrations → Events API V2). Keep it in an environment variable.
     * @example "R0123456789ABCDEF0123456789ABCDE"
     */
    routingKey: z.string().min(1),
    /**
     * The Events API v2 enqueue endpoint; change it only for a proxy or a test receiver.
     * @example "https://events.pagerduty.com/v2/enqueue"
     */
    apiUrl: apiUrl('https://events.pagerduty.com/v2/enqueue'),
  })
  .strict();

export type PagerdutyConfig = z.infer<typeof pagerdutySchema>;
