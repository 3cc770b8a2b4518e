import { spawn } from 'node:child_process';
import { ProviderError, type ActionRequest, type RemediationProvider } from '../../types';
import { commandProviderSchema, type CommandProviderConfig } from './schema';

/** Each stream keeps at most this much (its tail is what explains a failure, but its head says what ran). */
export const OUTPUT_CAP_BYTES = 16 * 1024;
/** After SIGTERM, how long the process group has before SIGKILL. */
const KILL_GRACE_MS = 2_000;

/**
 * Runs a shell command in its own process group, so a timeout kills the
 * command and everything it started (a `sleep` under `sh` would otherwise
 * outlive it and hold the pipes open).
 */
export const commandProvider = {
  kind: 'command',
  schema: commandProviderSchema,
  run(settings, request, ctx) {
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', settings.command], {
        cwd: settings.cwd,
        env: { ...process.env, ...settings.env, ...actionEnv(request) },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout = new CappedText();
      const stderr = new CappedText();
      child.stdout.on('data', (chunk: Buffer) => stdout.add(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
      let stopped: string | undefined;
      let killTimer: NodeJS.Timeout | undefined;
      const stop = (why: string) => {
        if (stopped || child.exitCode !== null) return;
        stopped = why;
        killGroup(child.pid, 'SIGTERM');
        killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
      };
      const timer = setTimeout(() => stop(`timed out after ${ctx.timeoutMs} ms`), ctx.timeoutMs);
      const onAbort = () => stop('cancelled');
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new ProviderError(`command could not start: ${error.message}`));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        ctx.signal.removeEventListener('abort', onAbort);
        const output = formatOutput(stdout.text(), stderr.text());
        const providerResponse = { exitCode: code, signal, stdout: stdout.text(), stderr: stderr.text() };
        if (stopped) return reject(new ProviderError(`command ${stopped}; its process group was killed`, { output, providerResponse }));
        if (code === 0) return resolve({ ok: true, output, providerResponse });
        const last = lastLine(stderr.text()) ?? lastLine(stdout.text());
        reject(new ProviderError(`command exited with ${code === null ? `signal ${signal}` : `code ${code}`}${last ? `: ${last}` : ''}`, { output, providerResponse }));
      });
    });
  },
} satisfies RemediationProvider<'command', CommandProviderConfig>;

export function actionEnv(request: ActionRequest): Record<string, string> {
  return {
    VIGIL_ACTION: request.action,
    VIGIL_ACTION_KIND: request.kind,
    VIGIL_DEPLOYMENT: request.deployment,
    VIGIL_TO_DEPLOYMENT: request.toDeployment ?? '',
    VIGIL_INCIDENT: request.incidentId === undefined ? '' : String(request.incidentId),
    VIGIL_REASON: request.reason,
    VIGIL_ACTOR: request.actor,
    VIGIL_ATTEMPT: String(request.attemptId),
  };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

class CappedText {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;
  add(chunk: Buffer): void {
    const room = OUTPUT_CAP_BYTES - this.size;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const kept = chunk.subarray(0, room);
    this.chunks.push(kept);
    this.size += kept.length;
    this.dropped += chunk.length - kept.length;
  }
  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped > 0 ? `${text}\n… ${this.dropped} more bytes not kept` : text;
  }
}

function formatOutput(stdout: string, stderr: string): string {
  return [stdout.trimEnd(), stderr.trimEnd() ? `stderr:\n${stderr.trimEnd()}` : ''].filter(Boolean).join('\n');
}

function lastLine(text: string): string | undefined {
  return text.trimEnd().split('\n').at(-1)?.slice(0, 200) || undefined;
}
