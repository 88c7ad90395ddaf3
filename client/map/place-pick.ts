import { useSyncExternalStore } from 'react';

/** A place on the map, in WGS-84 degrees (what every write carries; the server finds the district). */
export interface Place {
  lon: number;
  lat: number;
}

/** What the map is asked for: the next click's place, for a form that waits outside the map. */
export interface PlacePickState {
  /** A form is waiting for a click on the map; `prompt` says what for. */
  pending: { prompt: string } | null;
  /** The places the open forms hold, marked on the map so the officer sees where the record will go. */
  marked: readonly Place[];
}

/**
 * The one channel between a form and the map. Forms live outside the map's (lazily loaded) tree, so they ask
 * here and the map answers here; neither knows the other. One pick at a time: a new request cancels the last.
 */
let state: PlacePickState = { pending: null, marked: [] };
let answer: ((place: Place | null) => void) | null = null;
const listeners = new Set<() => void>();

function set(next: PlacePickState) {
  state = next;
  // overlays that cover the map (the class `gives-way-to-map`) step aside while a place is picked
  if (typeof document !== 'undefined') document.body.toggleAttribute('data-place-pick', next.pending !== null);
  for (const listener of listeners) listener();
}

/** Asks for the next click on the map; resolves with its place, or null when cancelled (Esc, another pick). */
export function pickPlace(prompt: string): Promise<Place | null> {
  answer?.(null);
  return new Promise((resolve) => {
    answer = resolve;
    set({ ...state, pending: { prompt } });
  });
}

/** The map's answer to the pending pick (a click), or null (Esc). */
export function answerPlacePick(place: Place | null): void {
  const resolve = answer;
  answer = null;
  set({ ...state, pending: null });
  resolve?.(place);
}

export const isPickingPlace = () => state.pending !== null;

/** Marks a form's place on the map until the returned function is called (the form closes or moves it). */
export function markPlace(place: Place): () => void {
  set({ ...state, marked: [...state.marked, place] });
  return () => set({ ...state, marked: state.marked.filter((p) => p !== place) });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export function usePlacePick(): PlacePickState {
  return useSyncExternalStore(subscribe, () => state);
}
