#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError, formatProblem } from '../config/model';
import { red } from './output';

/**
 * Which file registers which command. Only the module of the command being
 * run is loaded, so `vigil validate` does not pay for Chromium, SMTP and the
 * demo store; `vigil --help` loads them all to list them.
 */
const commandModules: Record<string, () => Promise<Record<string, unknown>>> = {
  run: () => import('./run'),
  demo: () => import('./demo'),
  validate: () => import('./validate'),
  init: () => import('./init'),
  check: () => import('./check'),
  test: () => import('./test'),
  results: () => import('./results'),
  incidents: () => import('./incidents'),
  incident: () => import('./incidents'),
  ack: () => import('./incidents'),
  resolve: () => import('./incidents'),
  note: () => import('./incidents'),
  'test-channel': () => import('./channels'),
  outbox: () => import('./channels'),
  fault: () => import('./fault'),
  ping: () => import('./ping'),
  exec: () => import('./exec'),
  user: () => import('./users'),
  token: () => import('./users'),
  compare: () => import('./compare'),
  deploy: () => import('./deploy'),
  failover: () => import('./remediate'),
  rollback: () => import('./remediate'),
  actions: () => import('./remediate'),
};

const program = new Command()
  .name('vigil')
  .description('Vigil watches your store the way customers use it, and tells you when they cannot.')
  .version('0.1.0')
  .showHelpAfterError();

try {
  const requested = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  const loaders = requested && commandModules[requested] ? [commandModules[requested]] : Object.values(commandModules);
  for (const module of new Set(await Promise.all(loaders.map((load) => load())))) {
    for (const [name, register] of Object.entries(module)) {
      if (name.startsWith('register') && typeof register === 'function') (register as (program: Command) => void)(program);
    }
  }
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(red(`✗ the config has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was started`));
    for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
  } else {
    console.error(red(`✗ ${(error as Error).message ?? String(error)}`));
    if (process.env.VIGIL_DEBUG) console.error(error);
  }
  process.exit(1);
}
