import { z } from 'zod';

export const emailSchema = z
  .object({
    kind: z.literal('email'),
    /**
     * The SMTP server (your provider's relay, or a local MTA).
     * @example "smtp.postmarkapp.com"
     */
    host: z.string().min(1),
    /**
     * 587 for submission with STARTTLS, 465 with `secure: true`, 25 for a local relay.
     * @example 587
     */
    port: z.number().int().min(1).max(65535).default(587),
    /**
     * `true` for implicit TLS from the first byte (port 465). With `false` the connection is
     * upgraded with STARTTLS whenever the server offers it.
     * @example false
     */
    secure: z.boolean().default(false),
    /**
     * SMTP login; leave out for a relay that accepts this host without one.
     * @example { "user": "apikey", "pass": "${SMTP_PASSWORD}" }
     */
    auth: z.object({ user: z.string().min(1), pass: z.string().min(1) }).strict().optional(),
    /**
     * The sender, with an optional display name.
     * @example "Vigil <alerts@shop.example.com>"
     */
    from: z.string().min(3),
    /**
     * The recipients; at least one.
     * @example ["oncall@shop.example.com", "dev-team@shop.example.com"]
     */
    to: z.array(z.email()).min(1),
    /**
     * Starts every subject, so mail rules can file alerts.
     * @example "[Vigil]"
     */
    subjectPrefix: z.string().default('[Vigil]'),
  })
  .strict();

export type EmailConfig = z.infer<typeof emailSchema>;
