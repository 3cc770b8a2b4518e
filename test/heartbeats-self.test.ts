import { afterEach, describe, expect, it } from 'vitest';
import { SelfHeartbeat } from '../src/heartbeats/self-heartbeat';
import { silentLogger } from '../src/log/logger';
import { startReceiver, type Receiver } from '../src/notify/channels/shared/test-receiver';

const receivers: Receiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

describe('the outbound self-heartbeat', () => {
  it('GETs the URL once per period by the injected clock, and counts a refused ping as failed without throwing', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const beat = new SelfHeartbeat({ url: `${receiver.url}/ping/other-vigil-000000000`, everyMs: 30_000 }, silentLogger());
    expect(beat.tick(0)).toBe(true);
    await beat.stop();
    const again = new SelfHeartbeat({ url: `${receiver.url}/ping/other-vigil-000000000`, everyMs: 30_000 }, silentLogger());
    receiver.reply({ status: 503 });
    expect(again.tick(1_000)).toBe(true);
    expect(again.tick(2_000)).toBe(false); // not due, and one is in flight
    await new Promise<void>((resolve) => {
      const wait = () => (again.failed + again.sent > 0 ? resolve() : setTimeout(wait, 20));
      wait();
    });
    expect(again.failed).toBe(1);
    expect(again.tick(31_000)).toBe(true);
    await again.stop();
    expect(again.sent).toBe(1);
    expect(beat.sent).toBe(1);
    expect(receiver.requests.map((r) => `${r.method} ${r.path} ${r.headers['user-agent']}`)).toEqual(Array(3).fill('GET /ping/other-vigil-000000000 vigil-self-heartbeat'));
  });
});
