import { useSyncExternalStore } from 'react';

/**
 * The desk's sounds, from WebAudio: no sound file to ship. Browsers let a page play sound only after a
 * person has clicked on it, so the desk asks once (点击启用声音提示) and remembers the answer; from then on
 * new fire alerts chime by themselves, and the first click anywhere on a reloaded page (which the browser
 * needs again) unlocks the sound silently. The mute switch is remembered too.
 *
 * State a test or a maintainer can read: `<html data-sound="on|off|unset" data-audio="running|suspended|none"
 * data-alarm="looping|idle">`.
 */

const PREFERENCE_KEY = 'onemap.sound';
/** The escalation alarm repeats this often until it is acknowledged. */
const LOOP_MS = 1500;

type Preference = 'on' | 'off' | null;

let context: AudioContext | null = null;
let preference: Preference = readPreference();
let loop: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function readPreference(): Preference {
  try {
    const v = globalThis.localStorage?.getItem(PREFERENCE_KEY);
    return v === 'on' || v === 'off' ? v : null;
  } catch {
    return null;
  }
}

function changed(): void {
  const root = globalThis.document?.documentElement;
  if (root) {
    root.dataset.sound = preference ?? 'unset';
    root.dataset.audio = context?.state === 'running' ? 'running' : context ? 'suspended' : 'none';
    root.dataset.alarm = loop ? 'looping' : 'idle';
  }
  listeners.forEach((l) => l());
}

/** The page's one AudioContext, made on first need; resumed inside a click, where the browser allows it. */
function audio(): AudioContext | null {
  if (context) return context;
  const Ctx = globalThis.AudioContext;
  if (!Ctx) return null;
  context = new Ctx();
  context.onstatechange = changed;
  return context;
}

/** Called in a click: unlocks the sound for this page, and remembers that the desk wants sound. */
export function enableSound(): void {
  preference = 'on';
  remember();
  void audio()?.resume().finally(changed);
  changed();
}

/** The mute switch: off keeps new alerts silent (and is remembered); on is `enableSound`. */
export function setSoundOn(on: boolean): void {
  if (on) return enableSound();
  preference = 'off';
  remember();
  changed();
}

function remember(): void {
  try {
    globalThis.localStorage?.setItem(PREFERENCE_KEY, preference ?? '');
  } catch {
    // private mode: the choice lasts this page
  }
}

/** One two-tone chime. */
function chime(ctx: AudioContext): void {
  [880, 660].forEach((hz, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = hz;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(ctx.destination);
    osc.start(ctx.currentTime + i * 0.25);
    osc.stop(ctx.currentTime + i * 0.25 + 0.2);
  });
}

/** A new fire alert: one chime, if sound is on. */
export function playAlarm(): void {
  if (preference !== 'on') return;
  const ctx = audio();
  if (ctx) chime(ctx);
}

/**
 * The escalation alarm on the leader's desk: chimes again and again until `stopAlarmLoop` (their 确认收到).
 * It does not heed the mute switch: an escalation is the one thing that must not be missed. If the browser
 * has not been given its click yet, the loop still runs and sounds from the first click on.
 */
export function startAlarmLoop(): void {
  if (loop) return;
  const ring = () => {
    const ctx = audio();
    if (ctx?.state === 'running') chime(ctx);
  };
  ring();
  loop = setInterval(ring, LOOP_MS);
  changed();
}

export function stopAlarmLoop(): void {
  if (!loop) return;
  clearInterval(loop);
  loop = null;
  changed();
}

export interface SoundState {
  preference: Preference;
  /** The browser lets the page play sound now. */
  unlocked: boolean;
  looping: boolean;
}

let snapshot: SoundState = { preference, unlocked: false, looping: false };
const current = (): SoundState => {
  const next = { preference, unlocked: context?.state === 'running', looping: loop !== null };
  if (next.preference !== snapshot.preference || next.unlocked !== snapshot.unlocked || next.looping !== snapshot.looping) snapshot = next;
  return snapshot;
};

/** The sound's state for a component: re-renders when the preference, the unlock or the loop changes. */
export function useSound(): SoundState {
  return useSyncExternalStore(subscribe, current);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// a page that was told to sound before: its first click or key anywhere unlocks the sound again
if (globalThis.document) {
  const unlock = () => {
    if (preference === 'on') void audio()?.resume().finally(changed);
  };
  globalThis.document.addEventListener('pointerdown', unlock, { capture: true });
  globalThis.document.addEventListener('keydown', unlock, { capture: true });
  changed();
}
