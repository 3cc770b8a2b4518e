/**
 * Replaces `${env:NAME}` (or `${env:NAME:-fallback}`) in every string of a raw
 * config with the environment variable, so secrets never sit in the file.
 * A missing variable without a fallback is a problem reported at its path.
 */
export type EnvProblem = { path: (string | number)[]; message: string };

const reference = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function interpolateEnv(
  raw: unknown,
  env: Record<string, string | undefined>,
  problems: EnvProblem[],
  path: (string | number)[] = [],
): unknown {
  if (typeof raw === 'string') {
    return raw.replace(reference, (_match, name: string, fallback: string | undefined) => {
      const value = env[name];
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      problems.push({ path, message: `environment variable ${name} is not set (referenced as \${env:${name}})` });
      return '';
    });
  }
  if (Array.isArray(raw)) return raw.map((item, index) => interpolateEnv(item, env, problems, [...path, index]));
  if (raw !== null && typeof raw === 'object') {
    return Object.fromEntries(
      Object.entries(raw).map(([key, value]) => [key, interpolateEnv(value, env, problems, [...path, key])]),
    );
  }
  return raw;
}
