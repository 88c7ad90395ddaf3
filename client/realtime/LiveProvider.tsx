import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { LiveStore, type LiveView } from './live-store.ts';

const LiveContext = createContext<LiveStore | null>(null);

declare global {
  interface Window {
    /** The screen's live store, reachable from the browser console and the end-to-end tests, like a maintenance hatch. */
    onemap?: LiveStore;
  }
}

/**
 * Hands the screen's one store (one socket) to its components. Whoever made the store owns its connection:
 * main.tsx starts it before the first render (so the snapshot is on its way sooner) and stops it when the
 * page turns out to be signed out; a provider given no store makes one and owns it for its own lifetime.
 */
export function LiveProvider({ store: given, children }: { store?: LiveStore; children: ReactNode }) {
  const [store] = useState(() => given ?? new LiveStore());
  useEffect(() => {
    if (given) return;
    store.start();
    return () => store.stop();
  }, [given, store]);
  useEffect(() => {
    fetch('/api/health')
      .then((r) => r.json())
      .then((h: { demo?: boolean }) => store.update({ demo: h.demo === true }))
      .catch(() => undefined);
    window.onemap = store;
  }, [store]);
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

export function useLiveStore(): LiveStore {
  const store = useContext(LiveContext);
  if (!store) throw new Error('useLiveStore outside LiveProvider');
  return store;
}

/** A slice of the live view; the component re-renders only when the slice changes (by identity). */
export function useLive<T>(select: (view: LiveView) => T): T {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
