import { z } from 'zod';
import { apiUrl, pathId, token } from '../shared-schema';

export const vercelProviderSchema = z
  .object({
    kind: z.literal('vercel'),
    /** @example "prj_12HKQaOmR5t5Uy6vdcQsNIiZgHGB" */
    projectId: pathId('Vercel project id or name'),
    /** The deployment to make live: a known-good build for a rollback, or the backup build for a failover. @example "dpl_89qyp1cskzkLrVicDaZoDbjyHuDJ" */
    deploymentId: pathId('Vercel deployment id'),
    /** `promote` (POST /v10/projects/{id}/promote/{deployment}) or `rollback` (POST /v1/projects/{id}/rollback/{deployment}). */
    mode: z.enum(['promote', 'rollback']).default('promote'),
    /** For team projects. @example "team_1a2b3c4d5e6f7g8h9i0j1k2l" */
    teamId: pathId('Vercel team id').optional(),
    /** @example "${env:VERCEL_TOKEN}" */
    token,
    apiUrl: apiUrl('https://api.vercel.com'),
  })
  .strict();

export type VercelProviderConfig = z.infer<typeof vercelProviderSchema>;
