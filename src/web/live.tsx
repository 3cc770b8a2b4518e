import { createContext, use, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { LiveEvent } from '../server/api/contract';

/**
 * One EventSource for the whole app. Pages subscribe to the events they show;
 * the browser reconnects by itself after a drop, and `connected` says whether
 * what is on screen is live.
 */
type Listener = (event: LiveEvent) => void;
type Live = { connected: boolean; subscribe(listener: Listener): () => void };

const LiveContext = createContext<Live>({ connected: false, subscribe: () => () => {} });

const eventTypes = ['cell', 'incident', 'heartbeat'] as const;

export function LiveProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);
  const [live] = useState<Omit<Live, 'connected'>>(() => ({
    subscribe(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  }));

  useEffect(() => {
    const source = new EventSource('/api/v1/events');
    const mark = (open: boolean) => {
      setConnected(open);
      // For the end-to-end tests and the first-load benchmark: the page is live once this is set.
      document.documentElement.dataset.live = open ? 'open' : 'closed';
    };
    source.onopen = () => mark(true);
    source.onerror = () => mark(source.readyState === EventSource.OPEN);
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
    return () => {
      source.close();
      mark(false);
    };
  }, []);

  return <LiveContext value={{ connected, subscribe: live.subscribe }}>{children}</LiveContext>;
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
