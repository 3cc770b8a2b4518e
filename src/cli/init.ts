import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { starterTypeScript, starterYaml } from '../config/starter';
import { green, red } from './output';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented starter config (vigil.config.ts, or vigil.yaml with --yaml)')
    .option('--yaml', 'write vigil.yaml instead of vigil.config.ts')
    .option('--force', 'overwrite an existing file')
    .action((options: { yaml?: boolean; force?: boolean }) => {
      const file = resolve(options.yaml ? 'vigil.yaml' : 'vigil.config.ts');
      if (existsSync(file) && !options.force) {
        console.error(red(`${file} already exists; use --force to overwrite it`));
        process.exitCode = 1;
        return;
      }
      writeFileSync(file, options.yaml ? starterYaml : starterTypeScript);
      console.log(green(`wrote ${file}`));
      console.log('next: edit the deployments and page types, then `npx vigil validate` and `npx vigil run`');
    });
}
