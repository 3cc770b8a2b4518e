import { Agent } from 'undici';
import { subscribe } from 'node:diagnostics_channel';
import { runCheck, checkDefinitions, closeHttpAgents, type CheckSpec } from './index';
const ctx = () => ({ deployment: { name: 'p', baseUrl: 'http://127.0.0.1:4799', role: 'primary' as const }, timeoutMs: 5000, signal: new AbortController().signal, location: 'x' });
async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 2000; i++) await fn();
  const N = 20000, C = 20;
  const cpu0 = process.cpuUsage(); const t0 = performance.now(); let next = 0;
  await Promise.all(Array.from({ length: C }, async () => { while (next++ < N) await fn(); }));
  const cpu = process.cpuUsage(cpu0); const wall = performance.now() - t0;
  console.log(label.padEnd(28), `${((cpu.user + cpu.system) / N).toFixed(1)} µs CPU/check, ${(N / wall * 1000).toFixed(0)}/s`);
}
const agent = new Agent();
const path = '/small';
const raw = async (signal?: AbortSignal) => { const r = await agent.request({ origin: 'http://127.0.0.1:4799', path, method: 'GET', signal }); for await (const _ of r.body) {} };
await measure('raw', () => raw());
await measure('raw+signal+timer', async () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 5000); try { await raw(c.signal) } finally { clearTimeout(t) } });
const spec = checkDefinitions.http.schema.parse({ kind: 'http', path }) as CheckSpec;
await measure('runCheck', () => runCheck(spec, ctx()));
await measure('raw (channels subscribed)', () => raw());
await measure('runCheck again', () => runCheck(spec, ctx()));
await closeHttpAgents(); await agent.close();
