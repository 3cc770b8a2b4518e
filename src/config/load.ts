import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { ConfigError, formatPath, type ConfigProblem, type VigilConfig } from './model';
import { resolveConfig, type RawProblem } from './validate';

export const configFileNames = ['vigil.config.ts', 'vigil.config.mts', 'vigil.config.js', 'vigil.config.mjs', 'vigil.yaml', 'vigil.yml'];

/** Finds the config in `dir` by its conventional names. */
export function findConfigFile(dir: string): string | undefined {
  return configFileNames.map((name) => resolve(dir, name)).find((file) => existsSync(file));
}

/** Loads, interpolates and validates a config file; throws ConfigError listing every problem. */
export async function loadConfig(file: string, env: Record<string, string | undefined> = process.env): Promise<VigilConfig> {
  const absolute = resolve(file);
  if (!existsSync(absolute)) {
    throw new ConfigError([{ file: absolute, path: '', message: 'config file not found (run `vigil init` to write one)' }]);
  }
  const isYaml = ['.yaml', '.yml'].includes(extname(absolute));
  const { raw, locate } = isYaml ? readYaml(absolute) : await readModule(absolute);
  const { config, problems } = resolveConfig(raw, absolute, env);
  if (!config) throw new ConfigError(problems.map((problem) => toProblem(absolute, problem, locate)));
  return config;
}

/**
 * Under tsx (how the CLI runs) Node imports TypeScript itself, several times
 * faster than jiti's transform; jiti is the fallback for plain Node.
 */
async function importModule(file: string): Promise<unknown> {
  try {
    const loaded = (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as { default?: unknown };
    return loaded.default ?? loaded;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    return createJiti(import.meta.url, { moduleCache: false, fsCache: false }).import(file, { default: true });
  }
}

type Locate = (path: (string | number)[]) => { line: number; column: number } | undefined;

function toProblem(file: string, problem: RawProblem, locate: Locate): ConfigProblem {
  return { file, path: formatPath(problem.path), message: problem.message, ...locate(problem.path) };
}

function readYaml(file: string): { raw: unknown; locate: Locate } {
  const lineCounter = new LineCounter();
  const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return { file, path: '', message: `YAML syntax: ${error.message.split('\n')[0]}`, line: position?.line, column: position?.col };
      }),
    );
  }
  return { raw: document.toJS(), locate: (path) => locateInYaml(document, lineCounter, path) };
}

/** The deepest node along the path that exists, so a missing field points at its parent. */
function locateInYaml(document: Document, lineCounter: LineCounter, path: (string | number)[]) {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const position = lineCounter.linePos(node.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return undefined;
}

async function readModule(file: string): Promise<{ raw: unknown; locate: Locate }> {
  try {
    return { raw: await importModule(file), locate: () => undefined };
  } catch (error) {
    throw new ConfigError([{ file, path: '', message: `could not load the module: ${(error as Error).message.split('\n')[0]}` }]);
  }
}
