import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { untilWithin } from '../../../../test/support/until';
import { ProviderError } from '../../types';
import { failure, providerContext, sampleRequest } from '../test-fixtures';
import { commandProvider, OUTPUT_CAP_BYTES } from './provider';

describe('command provider', () => {
  it('passes the action in environment variables and keeps stdout and stderr', async () => {
    const outcome = await commandProvider.run(
      { kind: 'command', command: 'echo "$VIGIL_ACTION_KIND $VIGIL_DEPLOYMENT->$VIGIL_TO_DEPLOYMENT #$VIGIL_INCIDENT by $VIGIL_ACTOR $EXTRA"; echo warn >&2', env: { EXTRA: 'x1' } },
      sampleRequest(),
      providerContext(),
    );
    expect(outcome.output).toBe('failover production->backup #12 by policy:auto-failover x1\nstderr:\nwarn');
    expect(outcome.providerResponse).toMatchObject({ exitCode: 0 });
  });

  it('a non-zero exit code is a failure naming the code and the last line', async () => {
    const error = await failure(commandProvider.run({ kind: 'command', command: 'echo trying; echo "no route to lb" >&2; exit 3' }, sampleRequest(), providerContext()));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toBe('command exited with code 3: no route to lb');
    expect((error as ProviderError).details.output).toContain('trying');
  });

  it('kills the whole process group on timeout', async () => {
    // A duration no other process uses, so pgrep finds only ours.
    const marker = `sleep 30.${process.pid}${Date.now() % 1000}`;
    const error = await failure(commandProvider.run({ kind: 'command', command: `${marker} & echo started; ${marker}` }, sampleRequest(), providerContext(300)));
    expect(error.message).toBe('command timed out after 300 ms; its process group was killed');
    expect((error as ProviderError).details.output).toContain('started');
    // The background sleep was in the group too: nothing carrying the marker survives.
    await untilWithin(5_000)(() => spawnSync('pgrep', ['-f', marker]).status === 1, 'the process group to be gone');
  });

  it('caps what it keeps of a chatty command', async () => {
    const outcome = await commandProvider.run({ kind: 'command', command: 'head -c 100000 /dev/zero | tr "\\0" a' }, sampleRequest(), providerContext());
    const stdout = (outcome.providerResponse as { stdout: string }).stdout;
    expect(stdout.length).toBeLessThan(OUTPUT_CAP_BYTES + 100);
    expect(stdout).toMatch(/more bytes not kept$/);
  });
});
