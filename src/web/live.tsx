import { createContext, use, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { LiveEvent } from '../server/api/contract';

/**
 * One EventSource for the whole app. Pages subscribe to the events they show;
 * `connected` says whether what is on screen is live.
 */
type Listener = (event: LiveEvent) => void;
/** `opened` counts successful connections: a second one means events may have been missed while disconnected. */
type Live = { connected: boolean; opened: number; subscribe(listener: Listener): () => void };

const LiveContext = createContext<Live>({ connected: false, opened: 0, subscribe: () => () => {} });

const eventTypes = ['cell', 'incident', 'heartbeat'] as const;

/** `onStreamRefused` lets the app check whether the session is still valid when the stream is refused. */
export function LiveProvider({ children, onStreamRefused }: { children: ReactNode; onStreamRefused: () => void }) {
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);
  const [opened, setOpened] = useState(0);
  const [live] = useState<Pick<Live, 'subscribe'>>(() => ({
    subscribe(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  }));

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const mark = (open: boolean) => {
      setConnected(open);
      // For the end-to-end tests: the page is live once this is set.
      document.documentElement.dataset.live = open ? 'open' : 'closed';
    };
    const connect = () => {
      source = new EventSource('/api/v1/events');
      source.onopen = () => {
        failures = 0;
        mark(true);
        setOpened((n) => n + 1);
      };
      source.onerror = () => {
        mark(false);
        // The browser retries a dropped stream by itself, but gives up for good on an error status
        // (a restarted server mid-deploy, an expired session): then we retry, backing off to 30 s.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          failures += 1;
          retry = setTimeout(connect, Math.min(30_000, 1_000 * 2 ** failures));
          onStreamRefused();
        }
      };
      for (const type of eventTypes) {
        source.addEventListener(type, (message: MessageEvent<string>) => {
          let data: unknown;
          try {
            data = JSON.parse(message.data);
          } catch {
            return;
          }
          const event = { type, data } as LiveEvent;
          for (const listener of listeners.current) listener(event);
        });
      }
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
      mark(false);
    };
  }, [onStreamRefused]);

  return <LiveContext value={{ connected, opened, subscribe: live.subscribe }}>{children}</LiveContext>;
}

export function useLive(): Live {
  return use(LiveContext);
}

/** Calls `listener` for every live event while the component is mounted. */
export function useLiveEvents(listener: Listener): void {
  const { subscribe } = useLive();
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe]);
}
