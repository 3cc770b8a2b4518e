import type { Command } from 'commander';
import { loadConfig } from '../config/load';
import { ConfigError } from '../config/model';
import { parseDuration, formatDuration } from '../domain/duration';
import { describeDisparity } from '../evaluate/disparity';
import { loadComparison, type Comparison, type DeploymentColumn } from '../monitor/disparity-comparison';
import { openStore } from '../store/open';
import { resolveConfigFile } from './config-file';
import { bold, dim, green, printJson, red, table, yellow } from './output';

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('production and its backups side by side: state, latency, uptime, extracted values and open disparities per check')
    .option('-c, --config <file>', 'config file')
    .option('-w, --window <duration>', 'window for latency percentiles and uptime', '1h')
    .option('--check <name>', 'only this check (name or id)')
    .option('--json', 'print JSON')
    .action(async (options: { config?: string; window: string; check?: string; json?: boolean }) => {
      const windowMs = parseDuration(options.window);
      if (windowMs === undefined || windowMs <= 0) throw new Error(`--window: expected a duration such as 15m, 1h or 24h, got "${options.window}"`);
      const config = await loadConfig(resolveConfigFile(options.config));
      if (options.check && !config.checks.some((check) => check.name === options.check || check.id === options.check)) {
        throw new ConfigError([{ file: config.file, path: 'checks', message: `--check: no check named "${options.check}"` }]);
      }
      const store = await openStore(config);
      try {
        const comparison = await loadComparison(config, store, { windowMs, check: options.check, now: Date.now() });
        if (options.json) return printJson(comparison);
        console.log(renderComparison(comparison));
        const open = comparison.groups.flatMap((g) => g.checks).flatMap((c) => c.disparities);
        if (open.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}

const ms = (value: number | null) => (value === null ? dim('–') : `${Math.round(value)}ms`);
const percent = (ratio: number | null) => (ratio === null ? dim('–') : `${(ratio * 100).toFixed(2)}%`);

function stateCell(column: DeploymentColumn): string {
  if (column.state === 'up') return green('up');
  if (column.state === 'down') return red('DOWN');
  if (column.state === 'degraded') return yellow('degraded');
  if (column.lastRun && !column.lastRun.ok) return red('failing');
  return dim(column.state);
}

/** One table per page type; a check's disparities under its rows. */
export function renderComparison(comparison: Comparison): string {
  const out: string[] = [dim(`window ${formatDuration(comparison.windowMs)} · until ${new Date(comparison.to).toISOString().replace('T', ' ').slice(0, 19)} UTC`)];
  if (comparison.groups.length === 0) return `${out[0]}\n${dim('no checks')}`;
  for (const group of comparison.groups) {
    out.push('', bold(group.pageType));
    const rows: string[][] = [];
    const notes: string[] = [];
    for (const check of group.checks) {
      const differing = new Set(check.disparities.flatMap((d) => (d.kind === 'content' ? [`${d.suspect}|${d.subject}`] : [])));
      check.deployments.forEach((column, index) => {
        const values = Object.entries(column.extracted)
          .map(([name, value]) => {
            const text = `${name}=${value === null ? '(not found)' : value.replace(/\s+/g, ' ').trim().slice(0, 40)}`;
            return differing.has(`${column.deployment}|${name}`) ? red(text) : text;
          })
          .join(' ');
        rows.push([
          index === 0 ? check.checkId : '',
          column.deployment + (column.role === 'primary' ? dim(' (primary)') : ''),
          stateCell(column),
          ms(column.latency.lastMs),
          ms(column.latency.p50Ms),
          ms(column.latency.p95Ms),
          percent(column.uptime),
          values,
        ]);
      });
      const since = (at: number) => dim(` since ${new Date(at).toISOString().slice(11, 19)}`);
      for (const d of check.disparities) notes.push(red(`  ≠ ${d.kind} disparity: ${describeDisparity(d)}`) + since(d.firstSeenAt));
      for (const d of check.pending) notes.push(yellow(`  ? ${d.kind} difference, not confirmed yet: ${describeDisparity(d)}`) + since(d.firstSeenAt));
    }
    out.push(table(['check', 'deployment', 'state', 'last', 'p50', 'p95', 'uptime', 'values'], rows), ...notes);
  }
  const open = comparison.groups.flatMap((g) => g.checks).flatMap((c) => c.disparities);
  out.push('', open.length === 0 ? green('✓ no open disparities') : red(`✗ ${open.length} open disparit${open.length === 1 ? 'y' : 'ies'}`));
  return out.join('\n');
}
