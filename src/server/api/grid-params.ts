import type { Context } from 'hono';

/**
 * Query parameter reading for the read API: each reader returns the value or
 * a `{ error, field }` answer for a 400, so every route names the parameter
 * it refused and what it expected.
 */

export class ParamError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Something named in the path does not exist: `404 { error, field }`. */
export class NotFoundError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs a handler; a ParamError becomes `400 { error, field }`, a NotFoundError 404. */
export function withParams(handler: (c: Context) => Promise<Response> | Response) {
  return async (c: Context): Promise<Response> => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof ParamError) return c.json({ error: error.message, field: error.field }, 400);
      if (error instanceof NotFoundError) return c.json({ error: error.message, field: error.field }, 404);
      throw error;
    }
  };
}

/** Refuses parameters the route does not know: a typo (`pagesize`) should not silently do nothing. */
export function onlyParams(c: Context, allowed: readonly string[]): void {
  for (const name of Object.keys(c.req.queries())) {
    if (!allowed.includes(name)) throw new ParamError(name, `unknown parameter "${name}"; expected one of ${allowed.join(', ') || 'none'}`);
  }
}

export function intParam(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ParamError(name, `expected an integer from ${min} to ${max}, got "${raw.slice(0, 40)}"`);
  return Number(raw);
}

export function textParam(c: Context, name: string, maxLength = 200): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > maxLength) throw new ParamError(name, `expected at most ${maxLength} characters`);
  return raw;
}

export function oneOfParam<T extends string>(c: Context, name: string, allowed: readonly T[], fallback?: T): T | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ParamError(name, `expected one of ${allowed.join(', ')}, got "${raw.slice(0, 40)}"`);
  return raw as T;
}

/** A deployment name the config declares (or undefined when absent). */
export function deploymentParam(c: Context, names: readonly string[], required = false): string | undefined {
  const raw = c.req.query('deployment');
  if (raw === undefined || raw === '') {
    if (required) throw new ParamError('deployment', `expected a deployment: ${names.join(', ')}`);
    return undefined;
  }
  if (!names.includes(raw)) throw new ParamError('deployment', `expected one of the deployments ${names.join(', ')}, got "${raw.slice(0, 80)}"`);
  return raw;
}
