import pino, { type Logger } from 'pino';

export type { Logger };

export type LogFormat = 'pretty' | 'json';

const levelNames: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

/**
 * Structured logs (pino) everywhere; in a terminal they are printed as one
 * readable line each, `--log-format json` (or VIGIL_LOG_FORMAT=json) keeps the JSON.
 */
export function createLogger(options: { format?: LogFormat; level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const format = options.format ?? (process.env.VIGIL_LOG_FORMAT === 'json' ? 'json' : 'pretty');
  const level = options.level ?? process.env.VIGIL_LOG_LEVEL ?? 'info';
  const out = options.destination ?? process.stdout;
  if (format === 'json') return pino({ level, base: undefined }, out as pino.DestinationStream);
  return pino({ level, base: undefined }, { write: (line: string) => out.write(prettyLine(line)) });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

function prettyLine(line: string): string {
  const { time, level, module, msg, ...fields } = JSON.parse(line) as Record<string, unknown>;
  const clock = new Date(time as number).toISOString().slice(11, 19);
  const rest = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${clock} ${levelNames[level as number] ?? level} ${module ? `[${module}] ` : ''}${msg ?? ''}${rest ? `  ${rest}` : ''}\n`;
}
