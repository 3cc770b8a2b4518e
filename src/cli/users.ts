import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { AccessError, addUser, changeUser, createToken, parseRole, parseScope, removeUser, revokeToken } from '../server/auth/accounts';
import { openStore } from '../store/open';
import type { Store } from '../store/ports';
import { resolveConfigFile } from './config-file';
import { dim, green, printJson, red, table, yellow } from './output';

const when = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

async function withStore(file: string | undefined, work: (store: Store) => Promise<void>): Promise<void> {
  const config = await loadConfig(resolveConfigFile(file));
  const store = await openStore(config);
  try {
    await work(store);
  } catch (error) {
    if (!(error instanceof AccessError)) throw error;
    console.error(red(`✗ ${error.message}`));
    process.exitCode = error.status === 404 ? 2 : 1;
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is the shell's (echo, a file), not the password's.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          return resolve(value);
        }
        if (char === '\u0003' || char === '\u0004') {
          finish();
          return reject(new Error('cancelled'));
        }
        value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on('data', onData);
  });
}

async function askPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new AccessError('no terminal to ask for the password on; pipe it in with --password-stdin', 400);
  const first = await promptHidden('password (at least 10 characters): ');
  const second = await promptHidden('again: ');
  if (first !== second) throw new AccessError('the two passwords differ; nothing was changed', 400);
  return first;
}

const configOption = ['-c, --config <file>', 'config file'] as const;

export function registerUsers(program: Command): void {
  const user = program.command('user').description('manage who can log in to the dashboard and API (admin, editor, viewer)');

  user
    .command('add <name>')
    .description('add a user; the password is asked for, or read from stdin with --password-stdin')
    .requiredOption('-r, --role <role>', 'admin, editor or viewer')
    .option('--password-stdin', 'read the password from stdin')
    .option(...configOption)
    .action((name: string, options: { role: string; passwordStdin?: boolean; config?: string }) =>
      withStore(options.config, async (store) => {
        const role = parseRole(options.role, '--role');
        const created = await addUser(store, { name, role, password: await askPassword(options.passwordStdin) }, Date.now());
        console.log(green(`added ${created.name} (${created.role})`));
      }),
    );

  user
    .command('list')
    .description('list users and their roles')
    .option('--json', 'print JSON')
    .option(...configOption)
    .action((options: { json?: boolean; config?: string }) =>
      withStore(options.config, async (store) => {
        const users = await store.listUsers();
        if (options.json) return printJson(users);
        if (users.length === 0) return console.log(yellow('no users yet: add one with `vigil user add NAME --role admin`, or open the dashboard to set up the first admin'));
        console.log(table(['name', 'role', 'created (UTC)'], users.map((u) => [u.name, u.role, when(u.createdAt)])));
      }),
    );

  user
    .command('remove <name>')
    .description('remove a user and end their sessions')
    .option(...configOption)
    .action((name: string, options: { config?: string }) =>
      withStore(options.config, async (store) => {
        await removeUser(store, name);
        console.log(green(`removed ${name}`));
      }),
    );

  user
    .command('passwd <name>')
    .description("set a user's password (ends their sessions)")
    .option('--password-stdin', 'read the password from stdin')
    .option(...configOption)
    .action((name: string, options: { passwordStdin?: boolean; config?: string }) =>
      withStore(options.config, async (store) => {
        if (!(await store.getUser(name))) throw new AccessError(`no user named ${name}`, 404);
        await changeUser(store, name, { password: await askPassword(options.passwordStdin) });
        console.log(green(`password of ${name} changed; their sessions ended`));
      }),
    );

  user
    .command('role <name> <role>')
    .description("change a user's role")
    .option(...configOption)
    .action((name: string, role: string, options: { config?: string }) =>
      withStore(options.config, async (store) => {
        const changed = await changeUser(store, name, { role: parseRole(role, 'role') });
        console.log(green(`${changed.name} is now ${changed.role}`));
      }),
    );

  const token = program.command('token').description('manage API tokens (Authorization: Bearer vgl_…)');

  token
    .command('create <name>')
    .description('create an API token and print its secret, once')
    .requiredOption('-s, --scope <scope>', 'read (GET only) or write (also acknowledge, resolve, notes)')
    .option('--json', 'print JSON')
    .option(...configOption)
    .action((name: string, options: { scope: string; json?: boolean; config?: string }) =>
      withStore(options.config, async (store) => {
        const created = await createToken(store, { name, scope: parseScope(options.scope, '--scope') }, `${userInfo().username} (cli)`, Date.now());
        if (options.json) return printJson(created);
        console.log(green(`token ${created.id} "${created.name}" (${created.scope}) created. Its secret, shown this once:`));
        console.log(created.secret);
        console.error(dim('store it now: Vigil keeps only its hash. Use it as `Authorization: Bearer <secret>`.'));
      }),
    );

  token
    .command('list')
    .description('list API tokens (never their secrets)')
    .option('--json', 'print JSON')
    .option(...configOption)
    .action((options: { json?: boolean; config?: string }) =>
      withStore(options.config, async (store) => {
        const tokens = await store.listTokens();
        if (options.json) return printJson(tokens);
        if (tokens.length === 0) return console.log(yellow('no API tokens'));
        console.log(
          table(
            ['id', 'name', 'scope', 'created by', 'created (UTC)', 'last used (UTC)', 'status'],
            tokens.map((t) => [String(t.id), t.name, t.scope, t.createdBy, when(t.createdAt), when(t.lastUsedAt), t.revokedAt === null ? green('active') : red(`revoked ${when(t.revokedAt)}`)]),
          ),
        );
      }),
    );

  token
    .command('revoke <id>')
    .description('revoke an API token; requests with it fail from now on')
    .option(...configOption)
    .action((id: string, options: { config?: string }) =>
      withStore(options.config, async (store) => {
        const revoked = await revokeToken(store, id, Date.now());
        console.log(green(`revoked token ${revoked.id} "${revoked.name}"`));
      }),
    );
}
