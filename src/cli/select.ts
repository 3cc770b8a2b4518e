import type { Check, Deployment, VigilConfig } from '../config/model';
import { ConfigError } from '../config/model';

/**
 * The deployments a one-off run targets: a named one, an ad-hoc URL (a
 * preview deployment) that every check then runs against, or all of them.
 */
export function selectDeployments(
  config: VigilConfig,
  checks: Check[],
  options: { deployment?: string; url?: string },
): { deployments: Deployment[]; checks: Check[] } {
  if (options.url) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new ConfigError([{ file: '--url', path: 'url', message: `expected an absolute http(s) URL, got "${options.url}"` }]);
    }
    const deployment: Deployment = { name: options.deployment ?? 'preview', baseUrl: url.origin, role: 'backup' };
    return { deployments: [deployment], checks: checks.map((check) => ({ ...check, deployments: [deployment.name] })) };
  }
  if (options.deployment) {
    const deployment = config.deployments.find((candidate) => candidate.name === options.deployment);
    if (!deployment) {
      throw new ConfigError([
        { file: config.file, path: 'deployments', message: `no deployment named "${options.deployment}"; expected one of ${config.deployments.map((d) => d.name).join(', ')}` },
      ]);
    }
    return { deployments: [deployment], checks };
  }
  return { deployments: config.deployments, checks };
}
