import { z } from 'zod';

export const commandProviderSchema = z
  .object({
    kind: z.literal('command'),
    /**
     * A shell command (run with `/bin/sh -c`). It gets the action in VIGIL_ACTION,
     * VIGIL_ACTION_KIND, VIGIL_DEPLOYMENT, VIGIL_TO_DEPLOYMENT, VIGIL_INCIDENT,
     * VIGIL_REASON, VIGIL_ACTOR and VIGIL_ATTEMPT; exit code 0 means it worked.
     * @example "./scripts/switch-dns.sh \"$VIGIL_TO_DEPLOYMENT\""
     */
    command: z.string().min(1, 'expected a shell command'),
    /** Working directory, relative to the config file. Default: the config file's folder. */
    cwd: z.string().optional(),
    /** Extra environment variables. @example { "DNS_TOKEN": "${env:DNS_TOKEN}" } */
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'), z.string()).optional(),
  })
  .strict();

export type CommandProviderConfig = z.infer<typeof commandProviderSchema>;
