import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** What a CLI run printed and how it ended. */
export type CliOutcome = { code: number | null; stdout: string; stderr: string };

const bin = resolve('bin/vigil.js');

/** Runs `vigil …` as a user does (bin/vigil.js in a child process), without colours, and collects its output. */
export function runVigil(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliOutcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
