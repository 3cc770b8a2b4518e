import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants } from 'node:os';
import type { Command } from 'commander';
import { baseUrl, sendPing } from '../heartbeats/client';
import { dim } from './output';

const TAIL_LINES = 50;

/** Keeps the last lines of a stream as it passes through. */
class Tail {
  private lines: string[] = [];
  private partial = '';
  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > TAIL_LINES) this.lines.splice(0, this.lines.length - TAIL_LINES);
  }
  text(): string {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].slice(-TAIL_LINES).join('\n');
  }
}

/**
 * `vigil exec <id> -- <command…>`: a start ping, the command with its output
 * passed through, then the exit code with the duration and the last lines of
 * output. Vigil being unreachable never changes what the command does or
 * the exit code this process returns.
 */
export function registerExec(program: Command): void {
  program
    .command('exec <id> <command...>')
    .description('run a command and report it to a heartbeat: start, exit code, duration, last 50 lines of output')
    .option('--url <base>', 'Vigil address (default $VIGIL_URL or http://127.0.0.1:8787)')
    .action(async (id: string, command: string[], options: { url?: string }) => {
      const base = baseUrl(options.url);
      const runId = randomUUID();
      const warn = (what: string, outcome: { ok: boolean; status?: number; error?: string }) => {
        if (!outcome.ok) process.stderr.write(dim(`vigil: ${what} ping not delivered (${outcome.status ? `status ${outcome.status}` : outcome.error})\n`));
      };
      // Installed before anything else: a signal arriving while the start ping is on its way must reach the job, not end this process unreported.
      let child: ReturnType<typeof spawn> | undefined;
      let pendingSignal: NodeJS.Signals | undefined;
      const forward = (signal: NodeJS.Signals) => (child ? child.kill(signal) : (pendingSignal = signal));
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
      warn('start', await sendPing({ base, id, action: 'start', runId }));
      const startedAt = Date.now();
      const tail = new Tail();
      const job = spawn(command[0]!, command.slice(1), { stdio: ['inherit', 'pipe', 'pipe'] });
      child = job;
      if (pendingSignal) job.kill(pendingSignal);
      job.stdout.on('data', (chunk: Buffer) => {
        process.stdout.write(chunk);
        tail.push(chunk);
      });
      job.stderr.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        tail.push(chunk);
      });
      const code = await new Promise<number>((resolve) => {
        job.once('error', (error) => {
          tail.push(Buffer.from(`vigil: could not start ${command[0]}: ${error.message}\n`));
          resolve(127);
        });
        job.once('close', (exitCode, signal) => resolve(exitCode ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
      });
      const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
      // The server keeps the first 10 KB of a body; the end of the output matters most, so cut the front here.
      const output = Buffer.from(tail.text());
      const kept = output.length > 9_000 ? `…${output.subarray(output.length - 9_000).toString('utf8')}` : output.toString('utf8');
      const body = `command: ${command.join(' ')}\nexit code: ${code}\nduration: ${seconds}s\n\n${kept}`;
      warn('exit', await sendPing({ base, id, action: code, runId, body }));
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, forward);
      process.exitCode = code;
    });
}
