import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The `browser` section of the config: how the browser worker runs Chromium.
 * Pure apart from the existence check of the executable; no Playwright import,
 * so `vigil validate` does not load it.
 */

export const defaultChromiumPath = '/usr/bin/chromium';

export const browserSettingsSchema = z
  .object({
    /**
     * The Chromium (or Chrome) binary the browser checks run in. Relative paths are resolved against the config file.
     * Overridden by the environment variable VIGIL_CHROMIUM_PATH.
     * @default "/usr/bin/chromium"
     * @example "/usr/bin/google-chrome-stable"
     */
    executablePath: z.string().min(1).optional(),
    /**
     * Browser runs (each in its own isolated context) at once; further runs wait for a free slot.
     * About 2 per CPU core is the most a small machine sustains. Overridden by VIGIL_BROWSER_CONCURRENCY.
     * @default 2
     * @example 4
     */
    concurrency: z.number().int().min(1).max(64).default(2),
    /**
     * Restart Chromium after this many runs, so a slow leak in the browser cannot grow without bound
     * (the restart waits for the runs in flight). Overridden by VIGIL_BROWSER_RECYCLE_AFTER.
     * @default 200
     * @example 500
     */
    recycleAfter: z.number().int().min(1).default(200),
    /**
     * Also restart Chromium when its processes use more than this much memory (proportional set size of the
     * browser's process tree, in MB, sampled after runs). Overridden by VIGIL_BROWSER_RECYCLE_ABOVE_MB.
     * @example 1024
     */
    recycleAboveMb: z.number().int().min(64).optional(),
    /**
     * Extra Chromium command-line flags, added to Vigil's own (headless, no sandbox, no background traffic).
     * @example ["--lang=de-DE", "--proxy-server=http://proxy.internal:3128"]
     */
    args: z.array(z.string().startsWith('-', { error: 'expected a command-line flag such as "--lang=de-DE"' })).default([]),
  })
  .strict();

export type BrowserSettingsInput = z.input<typeof browserSettingsSchema>;

/** The resolved `browser` section (defaults filled in, path absolute). */
export type BrowserSettings = {
  executablePath: string;
  concurrency: number;
  recycleAfter: number;
  recycleAboveMb?: number;
  args: string[];
};

export const defaultBrowserSettings: BrowserSettings = { executablePath: defaultChromiumPath, concurrency: 2, recycleAfter: 200, args: [] };

/**
 * Fills in defaults and resolves the executable against the config file. A path
 * written in the config must exist (the default may be missing on a machine
 * without browser checks; the first browser run then says so).
 */
export function resolveBrowserSettings(
  parsed: z.output<typeof browserSettingsSchema> | undefined,
  configFile: string,
  problems: { path: (string | number)[]; message: string }[],
): BrowserSettings {
  if (!parsed) return defaultBrowserSettings;
  let executablePath = defaultChromiumPath;
  if (parsed.executablePath) {
    executablePath = isAbsolute(parsed.executablePath) ? parsed.executablePath : resolve(dirname(configFile), parsed.executablePath);
    if (!existsSync(executablePath)) {
      problems.push({
        path: ['browser', 'executablePath'],
        message: `no Chromium at ${executablePath}: expected the path of a Chromium or Chrome binary (Debian: apt-get install chromium → /usr/bin/chromium)`,
      });
    }
  }
  return {
    executablePath,
    concurrency: parsed.concurrency,
    recycleAfter: parsed.recycleAfter,
    ...(parsed.recycleAboveMb !== undefined ? { recycleAboveMb: parsed.recycleAboveMb } : {}),
    args: parsed.args,
  };
}

/**
 * The settings the worker uses: the config's, with the documented environment
 * variables on top (an operator can change the browser without editing the config).
 */
export function withEnvOverrides(settings: BrowserSettings, env: NodeJS.ProcessEnv): BrowserSettings {
  const positive = (value: string | undefined) => (value && Number(value) > 0 ? Math.floor(Number(value)) : undefined);
  const recycleAboveMb = positive(env.VIGIL_BROWSER_RECYCLE_ABOVE_MB) ?? settings.recycleAboveMb;
  return {
    executablePath: env.VIGIL_CHROMIUM_PATH || settings.executablePath,
    concurrency: positive(env.VIGIL_BROWSER_CONCURRENCY) ?? settings.concurrency,
    recycleAfter: positive(env.VIGIL_BROWSER_RECYCLE_AFTER) ?? settings.recycleAfter,
    ...(recycleAboveMb !== undefined ? { recycleAboveMb } : {}),
    args: settings.args,
  };
}

/** Where the executable came from, for error messages that tell the user what to change. */
export function executableSource(env: NodeJS.ProcessEnv): string {
  return env.VIGIL_CHROMIUM_PATH ? 'VIGIL_CHROMIUM_PATH' : 'browser.executablePath in the config, or VIGIL_CHROMIUM_PATH';
}
