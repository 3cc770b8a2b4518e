import type { z } from 'zod';

export type RawProblem = { path: (string | number)[]; message: string };

/** Zod issues as problems with a full path, in words a config author understands. */
export function fromZod(error: z.ZodError, prefix: (string | number)[]): RawProblem[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...(issue.path as (string | number)[])],
    message: describeIssue(issue),
  }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `required: expected ${issue.expected}`;
  return issue.message;
}
