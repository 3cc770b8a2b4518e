import { resolve } from 'node:path';
import { configFileNames, findConfigFile } from '../config/load';
import { ConfigError } from '../config/model';

/** The config file named on the command line, else the conventional one in the current folder. */
export function resolveConfigFile(file?: string): string {
  if (file) return resolve(file);
  const found = findConfigFile(process.cwd());
  if (!found) {
    throw new ConfigError([
      { file: process.cwd(), path: '', message: `no config file found (looked for ${configFileNames.join(', ')}); run \`vigil init\` to write one or pass --config` },
    ]);
  }
  return found;
}
