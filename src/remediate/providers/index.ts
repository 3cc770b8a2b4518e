import type { z } from 'zod';
import type { ActionRequest, ProviderContext, ProviderOutcome, RemediationProvider } from '../types';
import { cloudflareProvider } from './cloudflare/provider';
import { commandProvider } from './command/provider';
import { netlifyProvider } from './netlify/provider';
import type { ProviderKind, providerSchemas } from './schemas';
import { vercelProvider } from './vercel/provider';
import { webhookProvider } from './webhook/provider';

export type ProviderConfig = { [K in ProviderKind]: z.output<(typeof providerSchemas)[K]> }[ProviderKind];

/** Every provider by kind; `satisfies` makes the compiler name a kind that was forgotten. */
const providers = {
  webhook: webhookProvider,
  command: commandProvider,
  netlify: netlifyProvider,
  vercel: vercelProvider,
  cloudflare: cloudflareProvider,
} satisfies { [K in ProviderKind]: RemediationProvider<K, Extract<ProviderConfig, { kind: K }>> };

export function runProvider(settings: ProviderConfig, request: ActionRequest, ctx: ProviderContext): Promise<ProviderOutcome> {
  const provider = providers[settings.kind] as RemediationProvider<string, ProviderConfig>;
  return provider.run(settings, request, ctx);
}
