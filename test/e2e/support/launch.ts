import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoServerInfo } from './demo-server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export type RunningDemo = DemoServerInfo & { stop(): Promise<void> };

/** Starts test/e2e/support/demo-server.ts in its own process and waits for its READY line (the dashboard is built first if stale). */
export async function launchDemo(options: { timeoutMs?: number } = {}): Promise<RunningDemo> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'test', 'e2e', 'support', 'demo-server.ts')], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, VIGIL_LOG_FORMAT: 'json' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const info = await new Promise<DemoServerInfo>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the demo did not start within ${options.timeoutMs ?? 60_000} ms:\n${stderr}`)), options.timeoutMs ?? 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^READY (.+)$/m.exec(stdout);
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line[1]!) as DemoServerInfo);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code} before it was ready:\n${stderr}`));
    });
  });
  return {
    ...info,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => (clearTimeout(force), resolve()));
        child.kill('SIGTERM');
      }),
  };
}
