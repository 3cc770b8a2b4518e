import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type RunningDemoShop } from './index';

const day = 86_400_000;

function peerValidTo(httpsUrl: string): Promise<Date> {
  const { hostname, port } = new URL(httpsUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      const validTo = new Date(socket.getPeerCertificate().valid_to);
      socket.destroy();
      resolve(validTo);
    });
    socket.on('error', reject);
  });
}

describe('HTTPS certificate faults', () => {
  let shop: RunningDemoShop;

  beforeAll(async () => {
    shop = await startDemoShop({ deployment: 'primary', port: 0, httpsPort: 0, productCount: 20 });
  });
  afterAll(async () => {
    await shop.close();
  });

  it('serves a certificate valid for about a year, trusted for localhost and 127.0.0.1 names', async () => {
    expect(shop.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const validTo = await peerValidTo(shop.httpsUrl!);
    expect(validTo.getTime() - Date.now()).toBeGreaterThan(360 * day);
    const { hostname, port } = new URL(shop.httpsUrl!);
    const san = await new Promise<string | undefined>((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
        resolve(socket.getPeerCertificate().subjectaltname);
        socket.destroy();
      });
      socket.on('error', reject);
    });
    expect(san).toContain('DNS:localhost');
    expect(san).toContain('IP Address:127.0.0.1');
  });

  it('switches to an expired certificate for new connections without a restart', async () => {
    shop.setFaults({ certificate: 'expired' });
    const validTo = await peerValidTo(shop.httpsUrl!);
    expect(validTo.getTime()).toBeLessThan(Date.now() - day);
  });

  it('switches to a certificate that expires in about five days', async () => {
    shop.setFaults({ certificate: 'near-expiry' });
    const left = (await peerValidTo(shop.httpsUrl!)).getTime() - Date.now();
    expect(left).toBeGreaterThan(4 * day);
    expect(left).toBeLessThan(6 * day);
    shop.resetFaults();
    expect((await peerValidTo(shop.httpsUrl!)).getTime() - Date.now()).toBeGreaterThan(360 * day);
  });

  it('serves the same pages over HTTPS', async () => {
    const { Agent, request } = await import('undici');
    const agent = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      const res = await request(`${shop.httpsUrl}/api/build`, { dispatcher: agent });
      expect(await res.body.json()).toEqual({ buildId: 'build-2026.11.25-1', deployment: 'primary' });
    } finally {
      await agent.close();
    }
  });
});
