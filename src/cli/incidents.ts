import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import type { VigilConfig } from '../config/model';
import { acknowledgeIncident, addNote, IncidentActionError, resolveIncident } from '../incidents/actions';
import type { Incident } from '../incidents/model';
import { openStore } from '../store/open';
import type { Store } from '../store/ports';
import { resolveConfigFile } from './config-file';
import { bold, dim, green, printJson, red, table, yellow } from './output';

const by = () => `${userInfo().username} (cli)`;
const when = (ms?: number) => (ms === undefined ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));
const statusColour = (incident: Incident) =>
  incident.status === 'resolved' ? green('resolved') : incident.status === 'acknowledged' ? yellow('acknowledged') : red('OPEN');

async function withStore<T>(file: string | undefined, work: (store: Store, config: VigilConfig) => Promise<T>): Promise<T> {
  const config = await loadConfig(resolveConfigFile(file));
  const store = await openStore(config);
  try {
    return await work(store, config);
  } catch (error) {
    if (error instanceof IncidentActionError) {
      console.error(red(error.message));
      process.exitCode = error.status === 404 ? 2 : 1;
      return undefined as T;
    }
    throw error;
  } finally {
    await store.close();
  }
}

function parseId(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new Error(`expected an incident number, got "${raw}"`);
  return Number(raw);
}

export function registerIncidents(program: Command): void {
  program
    .command('incidents')
    .description('list incidents (open and acknowledged by default)')
    .option('-c, --config <file>', 'config file')
    .option('-a, --all', 'include resolved incidents')
    .option('--json', 'print JSON')
    .action((options: { config?: string; all?: boolean; json?: boolean }) =>
      withStore(options.config, async (store) => {
        const incidents = await store.listIncidents({ status: options.all ? 'all' : 'unresolved', limit: 100 });
        if (options.json) return printJson(incidents);
        if (incidents.length === 0) return console.log(green(options.all ? 'no incidents' : 'no open incidents'));
        console.log(table(['#', 'status', 'title', 'severity', 'opened (UTC)', 'resolved (UTC)'], incidents.map((i) => [String(i.id), statusColour(i), i.title, i.severity, when(i.openedAt), when(i.resolvedAt)])));
      }),
    );

  program
    .command('incident <id>')
    .description('show one incident with its timeline')
    .option('-c, --config <file>', 'config file')
    .option('--json', 'print JSON')
    .action((id: string, options: { config?: string; json?: boolean }) =>
      withStore(options.config, async (store) => {
        const incident = await store.getIncident(parseId(id));
        if (!incident) throw new IncidentActionError(`no incident ${id}`, 404);
        const timeline = await store.timeline(incident.id);
        if (options.json) return printJson({ incident, timeline });
        console.log(`${bold(`#${incident.id} ${incident.title}`)}  ${statusColour(incident)}  ${incident.severity}`);
        console.log(dim(`first failure ${when(incident.firstFailureAt)} · opened ${when(incident.openedAt)}${incident.resolvedAt ? ` · resolved ${when(incident.resolvedAt)} by ${incident.resolvedBy}` : ''}`));
        if (incident.runbookUrl) console.log(`runbook: ${incident.runbookUrl}`);
        for (const m of incident.members) console.log(`  ${m.recoveredAt ? green('recovered') : red('down')}  ${m.checkId}${m.pageType ? ` (${m.pageType})` : ''}  ${dim(m.lastError ?? '')}`);
        console.log(bold('\ntimeline'));
        for (const entry of timeline) console.log(`  ${when(entry.at)}  ${entry.type.padEnd(13)} ${entry.message}`);
      }),
    );

  program
    .command('ack <id>')
    .description('acknowledge an incident: reminders and escalation stop, channels are told')
    .option('-c, --config <file>', 'config file')
    .option('--by <name>', 'who acknowledges', by())
    .action((id: string, options: { config?: string; by: string }) =>
      withStore(options.config, async (store, config) => {
        const incident = await acknowledgeIncident(store, config, parseId(id), options.by, Date.now());
        if (incident) console.log(green(`#${incident.id} acknowledged by ${options.by}`));
      }),
    );

  program
    .command('resolve <id>')
    .description('resolve an incident; channels get the recovery notice')
    .option('-c, --config <file>', 'config file')
    .option('--by <name>', 'who resolves', by())
    .option('-m, --note <text>', 'a note for the timeline')
    .action((id: string, options: { config?: string; by: string; note?: string }) =>
      withStore(options.config, async (store, config) => {
        const incident = await resolveIncident(store, config, parseId(id), options.by, Date.now(), options.note);
        if (incident) console.log(green(`#${incident.id} resolved by ${options.by}`));
      }),
    );

  program
    .command('note <id> <text>')
    .description('add a note to an incident timeline')
    .option('-c, --config <file>', 'config file')
    .option('--by <name>', 'author', by())
    .option('--public', 'publish the note on the status page as an update to customers')
    .action((id: string, text: string, options: { config?: string; by: string; public?: boolean }) =>
      withStore(options.config, async (store) => {
        await addNote(store, parseId(id), options.by, text, Date.now(), options.public === true);
        console.log(green(options.public ? 'noted (public)' : 'noted'));
      }),
    );
}
