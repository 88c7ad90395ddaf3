import type { Change, Snapshot } from './changes.ts';
import { ChunkedMap, type MapEdit } from './chunked-map.ts';
import type { DutyHandover, DutyLogEntry, DutyShift } from './duty.ts';
import { type FireAlert, isActiveFireAlert } from './fire-alerts.ts';
import { type Hazard, isHazardOpen } from './hazards.ts';
import { type Incident, isIncidentOpen } from './incidents.ts';
import { inForce, type Warning } from './warnings.ts';
import type { RiskPointSummary } from './risk-points.ts';

/** The live picture a screen holds: records by id and the seq of the last change folded in. */
export interface LiveState {
  seq: number;
  riskPoints: ChunkedMap<RiskPointSummary>;
  fireAlerts: ChunkedMap<FireAlert>;
  dutyShifts: ChunkedMap<DutyShift>;
  dutyHandovers: ChunkedMap<DutyHandover>;
  dutyLog: ChunkedMap<DutyLogEntry>;
  incidents: ChunkedMap<Incident>;
  hazards: ChunkedMap<Hazard>;
  warnings: ChunkedMap<Warning>;
}

/**
 * The sync state of one screen. While `resumingFrom` is set the screen has asked the server for what it
 * missed, and holds every change that arrives until the server answers, so nothing is applied out of order.
 */
export interface SyncState {
  live: LiveState | null;
  resumingFrom: number | null;
  held: readonly Change[];
}

export const initialSyncState: SyncState = { live: null, resumingFrom: null, held: [] };

const byId = <T extends { id: string }>(items: readonly T[]) => ChunkedMap.from(items.map((item) => [item.id, item] as const));

export function liveStateFromSnapshot(snapshot: Snapshot): LiveState {
  return {
    seq: snapshot.seq,
    riskPoints: byId(snapshot.riskPoints),
    fireAlerts: byId(snapshot.fireAlerts),
    dutyShifts: byId(snapshot.duty.shifts),
    dutyHandovers: byId(snapshot.duty.handovers),
    dutyLog: byId(snapshot.duty.log),
    incidents: byId(snapshot.incidents),
    hazards: byId(snapshot.hazards),
    warnings: byId(snapshot.warnings),
  };
}

type Collection = 'riskPoints' | 'fireAlerts' | 'dutyShifts' | 'dutyHandovers' | 'dutyLog' | 'incidents' | 'hazards' | 'warnings';
/** null: an entity screens hold apart from the picture (notifications: client/notifications keeps them). */
const COLLECTION_OF: Record<Change['entity'], Collection | null> = {
  riskPoint: 'riskPoints',
  fireAlert: 'fireAlerts',
  dutyShift: 'dutyShifts',
  dutyHandover: 'dutyHandovers',
  dutyLogEntry: 'dutyLog',
  incident: 'incidents',
  hazard: 'hazards',
  warning: 'warnings',
  notification: null,
};

/** The seq a change follows on its stream; a gap exists when that is past what the screen holds. */
const previousSeq = (change: Change) => change.prevSeq ?? change.seq - 1;

/**
 * Folds changes (in delivery order) into the state. Changes already held (seq ≤ state.seq) are skipped, so
 * duplicates are harmless; at the first gap it stops and reports the changes it could not apply yet.
 * A batch costs one edit per touched collection, and an edit copies only the chunks it touches.
 */
export function applyChanges(state: LiveState, changes: readonly Change[]): { state: LiveState; unapplied: Change[] } {
  const edits: Record<Collection, MapEdit<unknown>[]> = {
    riskPoints: [],
    fireAlerts: [],
    dutyShifts: [],
    dutyHandovers: [],
    dutyLog: [],
    incidents: [],
    hazards: [],
    warnings: [],
  };
  let seq = state.seq;
  let unapplied: Change[] = [];
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (change.seq <= seq) continue;
    if (previousSeq(change) > seq) {
      unapplied = changes.slice(i);
      break;
    }
    const collection = COLLECTION_OF[change.entity];
    if (collection) edits[collection].push([change.data.id, change.op === 'upsert' ? change.data : undefined]);
    seq = change.seq;
  }
  if (seq === state.seq) return { state, unapplied };
  const next: LiveState = {
    seq,
    riskPoints: state.riskPoints.edit(edits.riskPoints as MapEdit<RiskPointSummary>[]),
    fireAlerts: state.fireAlerts.edit(edits.fireAlerts as MapEdit<FireAlert>[]),
    dutyShifts: state.dutyShifts.edit(edits.dutyShifts as MapEdit<DutyShift>[]),
    dutyHandovers: state.dutyHandovers.edit(edits.dutyHandovers as MapEdit<DutyHandover>[]),
    dutyLog: state.dutyLog.edit(edits.dutyLog as MapEdit<DutyLogEntry>[]),
    incidents: state.incidents.edit(edits.incidents as MapEdit<Incident>[]),
    hazards: state.hazards.edit(edits.hazards as MapEdit<Hazard>[]),
    warnings: state.warnings.edit(edits.warnings as MapEdit<Warning>[]),
  };
  return { state: next, unapplied };
}

/** A snapshot replaces the picture; changes held meanwhile that are newer than it still apply. */
export function receiveSnapshot(state: SyncState, snapshot: Snapshot): SyncState {
  const live = liveStateFromSnapshot(snapshot);
  return settle({ live, resumingFrom: null, held: state.held });
}

/** Changes arrive: apply them, or hold them while a resume is under way; a gap starts a resume. */
export function receiveChanges(state: SyncState, changes: readonly Change[]): SyncState {
  if (state.live === null || state.resumingFrom !== null) return { ...state, held: [...state.held, ...changes] };
  const { state: live, unapplied } = applyChanges(state.live, changes);
  if (unapplied.length === 0) return { ...state, live };
  return { live, resumingFrom: live.seq, held: unapplied };
}

/** The screen reconnected holding state: it will ask for everything after its seq. */
export function startResume(state: SyncState): SyncState {
  if (state.live === null) return state;
  return { ...state, resumingFrom: state.live.seq };
}

/** The server has sent what the screen missed (as changes or a snapshot): fold in what was held. */
export function finishResume(state: SyncState): SyncState {
  return settle({ ...state, resumingFrom: null });
}

function settle(state: SyncState): SyncState {
  if (state.live === null || state.held.length === 0) return { ...state, held: [] };
  const held = [...state.held].sort((a, b) => a.seq - b.seq);
  return receiveChanges({ ...state, held: [] }, held);
}

/** Whether the screen must now send `resume`: it has just found a gap or reconnected. */
export function needsResume(before: SyncState, after: SyncState): boolean {
  return before.resumingFrom === null && after.resumingFrom !== null;
}

const DAY_MS = 86_400_000;
/** Finished records stay on screens this long after their last change by default, as in a snapshot. */
/** A week: how long finished records stay in the picture unless SCREEN_KEEP_FINISHED_MIN says otherwise. */
export const DEFAULT_KEEP_FINISHED_MIN = 7 * 24 * 60;
export const KEEP_FINISHED_MS = DEFAULT_KEEP_FINISHED_MIN * 60_000;
/** Duty records are kept for the days around now, as in a snapshot (yesterday, today, tomorrow). */
export const KEEP_DUTY_MS = 2 * DAY_MS;

/** A version without the records `gone` picks out; the same version when there are none. */
function without<V>(map: ChunkedMap<V>, gone: (v: V) => boolean): ChunkedMap<V> {
  const edits: MapEdit<V>[] = [];
  for (const [id, v] of map.entries()) if (gone(v)) edits.push([id, undefined]);
  return edits.length === 0 ? map : map.edit(edits);
}

/**
 * Forgets what a fresh snapshot would no longer hold: finished alerts, hazards, incidents and warnings a
 * week (or `keepFinishedMs`) after their last change, duty records of past days. A wall that runs for weeks then holds what it
 * would after a restart, not everything it ever saw.
 */
export function forgetPast(state: LiveState, now: Date, keepFinishedMs = KEEP_FINISHED_MS): LiveState {
  const finished = now.getTime() - keepFinishedMs;
  const duty = now.getTime() - KEEP_DUTY_MS;
  const before = (iso: string, limit: number) => Date.parse(iso) < limit;
  const next: LiveState = {
    ...state,
    fireAlerts: without(state.fireAlerts, (a) => !isActiveFireAlert(a.status) && before(a.updatedAt, finished)),
    hazards: without(state.hazards, (h) => !isHazardOpen(h.status) && before(h.updatedAt, finished)),
    incidents: without(state.incidents, (i) => !isIncidentOpen(i) && before(i.updatedAt, finished)),
    warnings: without(state.warnings, (w) => !inForce(w) && before(w.importedAt, finished)),
    dutyShifts: without(state.dutyShifts, (s) => before(s.endsAt, duty)),
    dutyLog: without(state.dutyLog, (e) => before(e.at, duty)),
    dutyHandovers: without(state.dutyHandovers, (h) => before(h.writtenAt, duty)),
  };
  const same = (Object.keys(next) as (keyof LiveState)[]).every((k) => next[k] === state[k]);
  return same ? state : next;
}
