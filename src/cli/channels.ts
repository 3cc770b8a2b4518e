import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { sendToChannel } from '../notify/channels';
import type { ChannelConfig } from '../notify/channels/schemas';
import { testMessage } from '../notify/message';
import { openStore } from '../store/open';
import { resolveConfigFile } from './config-file';
import { dim, green, printJson, red, table } from './output';

export function registerChannels(program: Command): void {
  program
    .command('test-channel <name>')
    .description('send a test message through one configured channel, now')
    .option('-c, --config <file>', 'config file')
    .action(async (name: string, options: { config?: string }) => {
      const config = await loadConfig(resolveConfigFile(options.config));
      const channel = config.channels.find((c) => c.name === name);
      if (!channel) {
        console.error(red(`no channel named "${name}"; configured: ${config.channels.map((c) => c.name).join(', ') || 'none'}`));
        process.exitCode = 2;
        return;
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error('timed out after 15000ms')), 15_000);
      try {
        await sendToChannel(testMessage(config.site.name, Date.now()), channel.settings as ChannelConfig, { signal: controller.signal, timeoutMs: 15_000 });
        console.log(green(`✓ test message delivered to ${name} (${channel.kind})`));
      } catch (error) {
        console.error(red(`✗ ${name} (${channel.kind}): ${(error as Error).message}`));
        process.exitCode = 1;
      } finally {
        clearTimeout(timer);
      }
    });

  program
    .command('outbox')
    .description('notifications waiting, delivered, or dead (given up on); --retry ID puts a dead one back')
    .option('-c, --config <file>', 'config file')
    .option('--dead', 'only dead letters')
    .option('--pending', 'only pending')
    .option('--retry <id>', 'retry a dead letter')
    .option('--json', 'print JSON')
    .action(async (options: { config?: string; dead?: boolean; pending?: boolean; retry?: string; json?: boolean }) => {
      const config = await loadConfig(resolveConfigFile(options.config));
      const store = await openStore(config);
      try {
        if (options.retry) {
          const ok = await store.retryDead(Number(options.retry), Date.now());
          if (ok) console.log(green(`#${options.retry} queued again`));
          else {
            console.error(red(`#${options.retry} is not a dead letter`));
            process.exitCode = 1;
          }
          return;
        }
        const items = await store.listOutbox({ status: options.dead ? 'dead' : options.pending ? 'pending' : undefined, limit: 50 });
        if (options.json) return printJson(items);
        if (items.length === 0) return console.log(dim('nothing here'));
        console.log(
          table(
            ['#', 'status', 'channel', 'event', 'incident', 'attempts', 'created (UTC)', 'last error'],
            items.map((i) => [String(i.id), i.status === 'dead' ? red('dead') : i.status === 'pending' ? 'pending' : green('delivered'), i.channel, i.event, i.incidentId ? `#${i.incidentId}` : '', String(i.attempts), new Date(i.createdAt).toISOString().slice(0, 19).replace('T', ' '), (i.lastError ?? '').slice(0, 60)]),
          ),
        );
      } finally {
        await store.close();
      }
    });
}
