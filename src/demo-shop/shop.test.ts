import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startDemoShop, startDemoShops } from './index';
import { rawGet } from './testing';

describe('demo shop lifecycle', () => {
  it('closes promptly with keep-alive sockets, hung requests and slow requests open', async () => {
    const shop = await startDemoShop({ deployment: 'primary', productCount: 20 });
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    try {
      const res = await request(`${shop.url}/api/health`, { dispatcher: agent });
      await res.body.text();
      shop.setFaults({ slow: { home: 30_000 } });
      const slow = rawGet(`${shop.url}/`, 60_000);
      shop.setFaults({ timeout: true });
      const hung = rawGet(`${shop.url}/products/x`, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const start = performance.now();
      await shop.close();
      expect(performance.now() - start).toBeLessThan(2000);
      expect(await hung).toHaveProperty('error');
      expect(await slow).toHaveProperty('error');
    } finally {
      await agent.close();
    }
  });

  it('starts both deployments on chosen ports and fails clearly when a port is taken', async () => {
    const first = await startDemoShops({ productCount: 20 });
    try {
      expect(first.primary.url).not.toBe(first.backup.url);
      expect(first.primary.deployment).toBe('primary');
      expect(first.backup.deployment).toBe('backup');
      const port = Number(new URL(first.primary.url).port);
      await expect(startDemoShops({ primaryPort: port, productCount: 20 })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it('can be closed twice', async () => {
    const shop = await startDemoShop({ deployment: 'backup', productCount: 20, httpsPort: 0 });
    await shop.close();
    await shop.close();
  });
});
