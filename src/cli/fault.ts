import type { Command } from 'commander';
import { getRemoteFaults, resetRemoteFaults, setRemoteFaults, type FaultState } from '../demo-shop';
import { printJson, red } from './output';

const DEMO_SHOPS: Record<string, string> = { primary: 'http://127.0.0.1:4101', backup: 'http://127.0.0.1:4102' };

/**
 * `vigil fault set errorStatus=503 --deployment backup`: switches the demo
 * store's faults through its control API, to watch Vigil notice.
 */
export function registerFault(program: Command): void {
  const fault = program.command('fault').description("switch the demo store's faults (slow pages, errors, broken cart, price mismatch, certificates…)");
  const target = (options: { deployment: string; shop?: string }) => {
    const url = options.shop ?? DEMO_SHOPS[options.deployment];
    if (!url) throw new Error(`--deployment: expected primary or backup (or pass --shop URL), got "${options.deployment}"`);
    return url;
  };
  const common = (command: Command) =>
    command.option('-d, --deployment <name>', 'primary or backup', 'primary').option('--shop <url>', 'the demo shop URL (default from --deployment)');

  common(fault.command('show').description('print the current faults')).action(async (options: { deployment: string; shop?: string }) => {
    printJson(await getRemoteFaults(target(options)));
  });
  common(fault.command('reset').description('switch every fault off')).action(async (options: { deployment: string; shop?: string }) => {
    printJson(await resetRemoteFaults(target(options)));
  });
  common(
    fault
      .command('set <assignments...>')
      .description(
        'set faults, e.g. errorStatus=503 | slow.product=3000 | timeout=true | brokenAddToCart=true | priceDelta=5 | buildId=old-build | certificate=expired | flapEvery=3 | resetConnections=true | garbage=true',
      ),
  ).action(async (assignments: string[], options: { deployment: string; shop?: string }) => {
    const patch: Record<string, unknown> = {};
    for (const assignment of assignments) {
      const match = /^([A-Za-z]+)(?:\.([A-Za-z]+))?=(.*)$/.exec(assignment);
      if (!match) {
        console.error(red(`expected name=value (or slow.PAGE_TYPE=ms), got "${assignment}"`));
        process.exitCode = 2;
        return;
      }
      const [, name, sub, raw] = match as unknown as [string, string, string | undefined, string];
      const value = parseValue(raw);
      if (sub) patch[name] = { ...(patch[name] as object | undefined), [sub]: value };
      else patch[name] = value;
    }
    printJson(await setRemoteFaults(target(options), patch as Partial<FaultState>));
  });
}

function parseValue(raw: string): unknown {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null' || raw === 'off') return null;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw;
}
