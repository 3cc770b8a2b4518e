import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, unusedPort } from '../../../checks/test-servers';
import { deliveryError, sampleMessage, testContext } from '../shared/test-receiver';
import { emailChannel } from './channel';
import type { EmailConfig } from './schema';

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server on 127.0.0.1: plain text (no STARTTLS), rejects `nobody@` recipients with 550 and the password `wrong` with 535. */
async function startSmtp(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.password === 'wrong') callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
      else callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@')) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Just enough MIME for these tests: unfolded headers and the decoded text and HTML parts of a multipart/alternative. */
function parseMail(raw: string): { headers: Record<string, string>; parts: Record<string, string> } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const headers = Object.fromEntries(
    head.replace(/\r\n(?=[ \t])/g, '').split('\r\n').map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1] ?? '';
  const parts: Record<string, string> = {};
  for (const part of rest.join('\r\n\r\n').split(`--${boundary}`)) {
    const [partHead = '', ...partBody] = part.split('\r\n\r\n');
    const type = /content-type: ([\w/]+)/i.exec(partHead)?.[1];
    if (!type) continue;
    const body = partBody.join('\r\n\r\n').trim();
    parts[type] = /quoted-printable/i.test(partHead) ? decodeQuotedPrintable(body) : /base64/i.test(partHead) ? Buffer.from(body, 'base64').toString('utf8') : body;
  }
  return { headers, parts };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
}

describe('email channel', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());
  const config = (overrides: Partial<EmailConfig> = {}): EmailConfig =>
    emailChannel.schema.parse({ kind: 'email', host: '127.0.0.1', port: smtp.port, from: 'Vigil <alerts@shop.example.com>', to: ['oncall@shop.example.com', 'dev@shop.example.com'], ...overrides });

  it('sends a text and an escaped HTML part with the alert subject', async () => {
    await emailChannel.send(sampleMessage(), config(), testContext());
    const mail = smtp.received.at(-1);
    expect(mail?.from).toBe('alerts@shop.example.com');
    expect(mail?.to).toEqual(['oncall@shop.example.com', 'dev@shop.example.com']);
    const { headers, parts } = parseMail(mail?.raw ?? '');
    expect(headers.subject).toBe('[Vigil] DOWN production: home page, product page');
    expect(headers.to).toBe('oncall@shop.example.com, dev@shop.example.com');
    expect(headers['x-vigil-event']).toBe('incident.opened');
    expect(headers.references).toBe('<vigil-production-inc_01JV3K@vigil.incident>');
    expect(parts['text/plain']).toContain('🔴 production is down: home page, product page');
    expect(parts['text/plain']).toContain('Since: 2025-05-12 14:01 UTC (13 min ago)');
    expect(parts['text/plain']).toContain('    HTTP 503 <title>Service Unavailable</title> & "retry"');
    expect(parts['text/plain']).toContain('Runbook: https://wiki.example.com/runbooks/storefront-down');
    expect(parts['text/html']).toContain('<th align="left" style="padding:2px 16px 2px 0;color:#555">Page types</th><td>home page, product page</td>');
    expect(parts['text/html']).toContain('HTTP 503 &lt;title&gt;Service Unavailable&lt;/title&gt; &amp; &quot;retry&quot;</pre>');
    expect(parts['text/html']).toContain('<a href="https://vigil.example.com/incidents/inc_01JV3K" style="color:#d92d20">View incident</a>');
    expect(parts['text/html']).not.toContain('<title>');
  });

  it('logs in and uses the subject prefix and event word', async () => {
    const message = sampleMessage({ event: 'incident.resolved', incident: { status: 'resolved' } });
    await emailChannel.send(message, config({ auth: { user: 'vigil', pass: 'right' }, subjectPrefix: '[shop]' }), testContext());
    expect(parseMail(smtp.received.at(-1)?.raw ?? '').headers.subject).toBe('[shop] RESOLVED production: home page, product page');
  });

  it('a 550 rejection is permanent', async () => {
    const error = await deliveryError(emailChannel.send(sampleMessage(), config({ to: ['nobody@shop.example.com'] }), testContext()));
    expect(error.options).toMatchObject({ permanent: true, status: 550 });
    expect(error.message).toMatch(/^SMTP 127\.0\.0\.1:\d+ refused the message: .*550 Mailbox unavailable/);
  });

  it('a failed login is permanent and never quotes the password', async () => {
    const error = await deliveryError(emailChannel.send(sampleMessage(), config({ auth: { user: 'vigil', pass: 'wrong' } }), testContext()));
    expect(error.options).toMatchObject({ permanent: true, status: 535 });
    expect(error.message).not.toContain('wrong');
  });

  it('connection refused is retryable', async () => {
    const error = await deliveryError(emailChannel.send(sampleMessage(), config({ port: await unusedPort() }), testContext()));
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/^SMTP 127\.0\.0\.1:\d+ unreachable: .*ECONNREFUSED/);
  });

  it('a server that never greets times out as retryable', async () => {
    const silent = await listen(createServer(() => undefined));
    try {
      const error = await deliveryError(emailChannel.send(sampleMessage(), config({ port: silent.port }), testContext(200)));
      expect(error.permanent).toBe(false);
      expect(error.message).toMatch(/^SMTP 127\.0\.0\.1:\d+ timed out after 200 ms$/);
    } finally {
      await silent.close();
    }
  });
});
