import { readdirSync, readFileSync } from 'node:fs';

/** The processes below `root` (not root itself), from /proc: Chromium's browser, renderer, GPU and utility processes. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses; the fields after its last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid);
      if (list) list.push(Number(entry));
      else children.set(ppid, [Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    found.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

/**
 * Memory of the process tree below `root`, in MB. PSS (proportional set size)
 * charges each shared page to its sharers in parts, so the sum over Chromium's
 * processes is what the tree really costs; summed RSS counts the shared
 * libraries and shared memory once per process. Falls back to RSS where
 * smaps_rollup is missing (kernels before 4.14). Undefined off Linux.
 */
export function processTreeMemoryMb(root: number): { pssMb: number; rssMb: number; processes: number } | undefined {
  let pids: number[];
  try {
    pids = descendants(root);
  } catch {
    return undefined;
  }
  let pssKb = 0;
  let rssKb = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      pssKb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      rssKb += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      try {
        const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
        pssKb += rss;
        rssKb += rss;
      } catch {
        // a renderer of a context that just closed
      }
    }
  }
  return { pssMb: pssKb / 1024, rssMb: rssKb / 1024, processes: pids.length };
}
