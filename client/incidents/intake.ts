import { useSyncExternalStore } from 'react';
import type { IncidentCreate } from '../../shared/incidents.ts';

/**
 * Which intake form is open, and what it starts from. Anything that can become an incident (the 接报登记
 * button, a fire alert's 转为事件, later a monitoring alarm) calls `openIntake` with its prefilled fields;
 * the form lives with the incident panel, so the caller needs to know nothing of it.
 */
export interface IntakeRequest {
  prefill: Partial<IncidentCreate>;
  /** Told apart so the same request opened twice starts a fresh form. */
  key: number;
}

let current: IntakeRequest | null = null;
let next = 1;
const listeners = new Set<() => void>();

function set(value: IntakeRequest | null) {
  current = value;
  for (const listener of listeners) listener();
}

/** Opens the intake form, prefilled (a fire alert's place and time, a monitoring alarm's…). */
export function openIntake(prefill: Partial<IncidentCreate> = {}): void {
  set({ prefill, key: next++ });
}

export function closeIntake(): void {
  set(null);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export function useIntake(): IntakeRequest | null {
  return useSyncExternalStore(subscribe, () => current);
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** An instant as a `datetime-local` value in Beijing time (what the form shows whatever the PC's zone). */
export const beijingInputValue = (iso: string | number): string => new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);

/** A `datetime-local` value read as Beijing time; undefined when it is not a time. */
export function instantOfBeijingInput(value: string): string | undefined {
  const ms = Date.parse(`${value}:00+08:00`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
