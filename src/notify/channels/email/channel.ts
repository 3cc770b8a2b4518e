import { createTransport } from 'nodemailer';
import type { AlertMessage, ChannelContext, ChannelType } from '../../types';
import { DeliveryError } from '../../types';
import { networkFailure } from '../shared/http';
import { excerpt } from '../shared/text';
import { emailHtml, emailSubject, emailText } from './body';
import { emailSchema, type EmailConfig } from './schema';

export const emailChannel = {
  kind: 'email',
  schema: emailSchema,
  async send(message, config, ctx) {
    const transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      ...(config.auth ? { auth: config.auth } : {}),
      connectionTimeout: ctx.timeoutMs,
      greetingTimeout: ctx.timeoutMs,
      socketTimeout: ctx.timeoutMs,
    });
    const timeout = AbortSignal.timeout(ctx.timeoutMs);
    const signal = AbortSignal.any([ctx.signal, timeout]);
    const target = { service: `SMTP ${config.host}:${config.port}`, ctx, secrets: config.auth ? [config.auth.pass] : [] };
    try {
      await untilAborted(transport.sendMail(emailMail(message, config)), signal);
    } catch (error) {
      throw smtpFailure(error, target, timeout.aborted);
    } finally {
      // Also drops the connection of a send abandoned on abort.
      transport.close();
    }
  },
} satisfies ChannelType<'email', EmailConfig>;

export function emailMail(message: AlertMessage, config: EmailConfig) {
  // Every mail of an incident references one id, so clients that thread on References group them.
  const thread = `<${message.dedupKey.replace(/[^\w.-]/g, '-')}@vigil.incident>`;
  return {
    from: config.from,
    to: config.to,
    subject: emailSubject(message, config.subjectPrefix),
    text: emailText(message),
    html: emailHtml(message),
    references: thread,
    inReplyTo: thread,
    headers: { 'X-Vigil-Event': message.event, 'X-Vigil-Incident': message.incident.id },
  };
}

type SmtpError = Error & { responseCode?: number };

/**
 * A 5xx SMTP reply (550 no such mailbox, 535 bad login, 554 refused) will be
 * given again; a 4xx reply (greylisting, mailbox full) and anything without a
 * reply (refused connection, timeout) may pass later.
 */
function smtpFailure(error: unknown, target: { service: string; ctx: ChannelContext; secrets: string[] }, timedOut: boolean): DeliveryError {
  const code = error instanceof Error ? (error as SmtpError).responseCode : undefined;
  if (code === undefined) return networkFailure(error, target, timedOut);
  return new DeliveryError(`${target.service} refused the message: ${excerpt((error as Error).message, target.secrets, 300)}`, {
    permanent: code >= 500,
    status: code,
  });
}

/** nodemailer takes no AbortSignal; this settles on abort, and the caller's `transport.close()` ends the send. */
async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw signal.reason;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
