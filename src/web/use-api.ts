import { useCallback, useEffect, useState } from 'react';
import { api, RequestError } from './api';

export type Loaded<T> = { data: T | null; error: string | null; loading: boolean; reload(): void; set(update: (data: T) => T): void };

/** GETs `path` (null: nothing yet) and refetches when it changes; a newer path cancels the older request. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: path !== null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    void api<T>(path, { signal: controller.signal }).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ data: previous.data, error: error instanceof RequestError || error instanceof Error ? error.message : String(error), loading: false }));
      },
    );
    return () => controller.abort();
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const set = useCallback((update: (data: T) => T) => setState((previous) => (previous.data === null ? previous : { ...previous, data: update(previous.data) })), []);
  return { ...state, reload, set };
}
