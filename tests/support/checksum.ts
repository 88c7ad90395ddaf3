import { createHash } from 'node:crypto';
import type { Snapshot } from '../../shared/changes.ts';
import type { LiveState } from '../../shared/sync.ts';

/** JSON with keys in sorted order, so records built in different key orders compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function digest(records: Iterable<{ id: string }>): string {
  const hash = createHash('sha256');
  for (const r of [...records].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(canonical(r));
  return hash.digest('hex');
}

/** A fingerprint of the whole picture, equal for a screen's state and the server's snapshot at the same seq. */
export function checksumOfState(state: LiveState): string {
  return [state.seq, digest(state.riskPoints.values()), digest(state.fireAlerts.values()), digest(state.dutyShifts.values())].join(':');
}

export function checksumOfSnapshot(snapshot: Snapshot): string {
  return [snapshot.seq, digest(snapshot.riskPoints), digest(snapshot.fireAlerts), digest(snapshot.duty.shifts)].join(':');
}
