import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger';
import { verifyWebhookSignature } from '../notify/channels';

/**
 * The demo's alert inbox: a webhook receiver that checks Vigil's signature and
 * prints each alert, so `vigil demo` shows the whole loop from fault to
 * notification without any outside service.
 */
export async function startDemoInbox(log: Logger, secret: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signed = verifyWebhookSignature(body, String(request.headers['x-vigil-timestamp'] ?? ''), String(request.headers['x-vigil-signature'] ?? ''), secret);
      if (!signed) {
        log.warn('rejected an alert with a bad signature');
        response.writeHead(401).end();
        return;
      }
      const alert = JSON.parse(body) as { title?: string; event?: string; text?: string };
      log.warn({ event: alert.event }, `ALERT RECEIVED ${alert.title ?? ''}`);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
