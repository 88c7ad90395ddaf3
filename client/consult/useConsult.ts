import { useSyncExternalStore } from 'react';
import type { ConsultSession, ConsultView } from './consult-session.ts';

/** A slice of the consultation's state; the component re-renders when the slice changes (by identity). */
export function useConsult<T>(session: ConsultSession, select: (view: ConsultView) => T): T {
  return useSyncExternalStore(session.subscribe, () => select(session.get()));
}

export const isPresenting = (v: ConsultView) => v.you !== null && v.room?.presenter === v.you;
