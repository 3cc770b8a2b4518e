#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError, formatProblem } from '../config/model';
import { registerChannels } from './channels';
import { registerCheck } from './check';
import { registerIncidents } from './incidents';
import { registerDemo } from './demo';
import { registerFault } from './fault';
import { registerInit } from './init';
import { registerResults } from './results';
import { registerRun } from './run';
import { registerTest } from './test';
import { registerValidate } from './validate';
import { red } from './output';

const program = new Command()
  .name('vigil')
  .description('Vigil watches your store the way customers use it, and tells you when they cannot.')
  .version('0.1.0')
  .showHelpAfterError();

for (const register of [registerRun, registerDemo, registerValidate, registerInit, registerCheck, registerTest, registerResults, registerIncidents, registerChannels, registerFault]) {
  register(program);
}

try {
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
