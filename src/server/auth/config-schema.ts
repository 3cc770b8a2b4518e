import { z } from 'zod';
import { durationSchema } from '../../config/duration-schema';

const HOUR = 3_600_000;
/** However often a session is used, it ends this long after login. */
export const SESSION_MAX_AGE_MS = 7 * 24 * HOUR;

/** `server.auth` in the config: how logins behave. Every field has a default. */
export const authSettingsSchema = z
  .object({
    /**
     * How long a login lasts without use; every request extends it again,
     * but never past 7 days after the login. @example "12h"
     */
    sessionTtl: durationSchema
      .refine((ms) => ms >= 60_000 && ms <= SESSION_MAX_AGE_MS, { error: 'expected a session lifetime between 1m and 7d' })
      .default(12 * HOUR),
    /**
     * Always mark the session cookie `Secure`. Without it the cookie is
     * `Secure` when the request came over HTTPS (directly, or through a proxy
     * that sends `X-Forwarded-Proto: https`). @example true
     */
    secureCookies: z.boolean().default(false),
    /**
     * Behind a reverse proxy, take the client address for login rate limiting
     * from the last `X-Forwarded-For` hop instead of the connection. Only set
     * this when a proxy you run always sets that header. @example true
     */
    trustProxy: z.boolean().default(false),
  })
  .strict();

export type AuthSettings = z.output<typeof authSettingsSchema>;

export const defaultAuthSettings: AuthSettings = { sessionTtl: 12 * HOUR, secureCookies: false, trustProxy: false };
