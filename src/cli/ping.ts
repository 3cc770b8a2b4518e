import type { Command } from 'commander';
import { baseUrl, sendPing, type PingAction } from '../heartbeats/client';
import { red } from './output';

type PingOptions = { start?: boolean; fail?: boolean; exit?: string; log?: boolean; url?: string; rid?: string; data?: string };

export function registerPing(program: Command): void {
  program
    .command('ping <id>')
    .description('tell Vigil a heartbeat job ran (or started, failed, exited with a code, or has a log line)')
    .option('--start', 'the job started')
    .option('--fail', 'the job failed')
    .option('--exit <code>', 'the job exited with this code (0–255; non-zero is a failure)')
    .option('--log', 'a log message only; neither success nor failure')
    .option('--url <base>', 'Vigil address (default $VIGIL_URL or http://127.0.0.1:8787)')
    .option('--rid <id>', 'run id, pairing a start with its finish')
    .option('--data <text>', 'text to store with the ping (up to 10 KB)')
    .action(async (id: string, options: PingOptions) => {
      const chosen = [options.start, options.fail, options.exit !== undefined, options.log].filter(Boolean).length;
      if (chosen > 1) throw new Error('choose at most one of --start, --fail, --exit, --log');
      if (options.exit !== undefined && !(/^\d{1,3}$/.test(options.exit) && Number(options.exit) <= 255)) throw new Error(`expected --exit between 0 and 255, got "${options.exit}"`);
      const action: PingAction = options.start ? 'start' : options.fail ? 'fail' : options.log ? 'log' : options.exit !== undefined ? Number(options.exit) : 'success';
      const outcome = await sendPing({ base: baseUrl(options.url), id, action, runId: options.rid, body: options.data });
      if (!outcome.ok) {
        console.error(red(`✗ ping not accepted: ${outcome.status === 404 ? 'no heartbeat with this id (404)' : outcome.status ? `status ${outcome.status}` : outcome.error} after ${outcome.attempts} tr${outcome.attempts === 1 ? 'y' : 'ies'}`));
        process.exitCode = 1;
      }
    });
}
