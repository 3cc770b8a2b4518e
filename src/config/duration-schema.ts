import { z } from 'zod';
import { parseDuration } from '../domain/duration';

/** A duration: `"500ms"`, `"30s"`, `"5m"`, `"1h"`, or a number of seconds. */
export const durationSchema = z.union([z.string(), z.number()]).transform((input, ctx) => {
  const ms = parseDuration(input);
  if (ms === undefined || ms < 0) {
    ctx.addIssue({ code: 'custom', message: `expected a duration like "30s", "5m" or a number of seconds, got ${JSON.stringify(input)}` });
    return z.NEVER;
  }
  return ms;
});

