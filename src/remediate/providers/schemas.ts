import { cloudflareProviderSchema } from './cloudflare/schema';
import { commandProviderSchema } from './command/schema';
import { netlifyProviderSchema } from './netlify/schema';
import { vercelProviderSchema } from './vercel/schema';
import { webhookProviderSchema } from './webhook/schema';

/** Provider schemas only (no I/O), for the config loader. */
export const providerSchemas = {
  webhook: webhookProviderSchema,
  command: commandProviderSchema,
  netlify: netlifyProviderSchema,
  vercel: vercelProviderSchema,
  cloudflare: cloudflareProviderSchema,
} as const;

export type ProviderKind = keyof typeof providerSchemas;
export const providerKinds = Object.keys(providerSchemas) as ProviderKind[];
