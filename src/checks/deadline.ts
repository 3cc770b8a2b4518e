import type { RunContext } from './types';

/**
 * One abort signal per run that fires at `ctx.timeoutMs` or when `ctx.signal`
 * aborts, whichever comes first. The runner enforces its own timer rather than
 * trusting the caller's signal alone, so a check can never hang a worker.
 */
export type Deadline = {
  signal: AbortSignal;
  /** Why the run was cut short, in words, or undefined while it may continue. */
  reason(): string | undefined;
  dispose(): void;
};

export function startDeadline(ctx: Pick<RunContext, 'signal' | 'timeoutMs'>): Deadline {
  const controller = new AbortController();
  let why: string | undefined;
  const stop = (reason: string): void => {
    if (why !== undefined) return;
    why = reason;
    controller.abort(new Error(reason));
  };
  const timer = setTimeout(() => stop(`timed out after ${ctx.timeoutMs}ms`), ctx.timeoutMs);
  const onAbort = (): void => stop(describeAbort(ctx.signal.reason, ctx.timeoutMs));
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    reason: () => why,
    dispose: () => {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
    },
  };
}

/** The caller's timer and ours race at the same deadline; either way the words are the same. A stopping monitor says so. */
function describeAbort(reason: unknown, timeoutMs: number): string {
  const message = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : '';
  if ((reason instanceof Error && reason.name === 'TimeoutError') || /timed? ?out/i.test(message)) return `timed out after ${timeoutMs}ms`;
  return message ? `aborted (${message})` : 'aborted';
}
