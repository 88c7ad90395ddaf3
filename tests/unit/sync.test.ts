import { describe, expect, it } from 'vitest';
import type { Change, Snapshot } from '../../shared/changes.ts';
import type { FireAlert } from '../../shared/fire-alerts.ts';
import {
  applyChanges,
  finishResume,
  forgetPast,
  initialSyncState,
  liveStateFromSnapshot,
  needsResume,
  receiveChanges,
  receiveSnapshot,
  startResume,
} from '../../shared/sync.ts';

const T = '2026-11-23T06:00:00.000Z';
const alert = (id: string, status: FireAlert['status'] = 'new'): FireAlert => ({
  id,
  source: 'patrol',
  lon: 115.97,
  lat: 29.55,
  district: '360483',
  description: '',
  detectedAt: T,
  confidence: null,
  frpMw: null,
  footprint: null,
  status,
  history: [],
  detections: [],
  escalatedAt: null,
  heatSource: null,
  updatedAt: T,
  demo: true,
});
const change = (seq: number, id: string, status: FireAlert['status'] = 'new', prevSeq?: number): Change => ({
  seq,
  at: T,
  actor: 'test',
  entity: 'fireAlert',
  op: 'upsert',
  data: alert(id, status),
  ...(prevSeq === undefined ? {} : { prevSeq }),
});
const snapshot = (seq: number, alerts: FireAlert[] = []): Snapshot => ({
  seq,
  riskPoints: [],
  fireAlerts: alerts,
  duty: { shifts: [], handovers: [], log: [] },
  incidents: [],
  hazards: [],
  warnings: [],
});

describe('applyChanges', () => {
  const base = liveStateFromSnapshot(snapshot(10, [alert('a')]));

  it('applies changes in seq order and advances seq', () => {
    const { state, unapplied } = applyChanges(base, [change(11, 'a', 'acknowledged'), change(12, 'b')]);
    expect(unapplied).toEqual([]);
    expect(state.seq).toBe(12);
    expect(state.fireAlerts.get('a')!.status).toBe('acknowledged');
    expect(state.fireAlerts.has('b')).toBe(true);
  });

  it('skips duplicates and changes already in the snapshot', () => {
    const once = applyChanges(base, [change(11, 'a', 'acknowledged')]).state;
    const again = applyChanges(once, [change(9, 'a', 'new'), change(11, 'a', 'acknowledged')]);
    expect(again.state).toBe(once);
  });

  it('stops at a gap and hands back what it could not apply', () => {
    const { state, unapplied } = applyChanges(base, [change(11, 'b'), change(13, 'c'), change(14, 'd')]);
    expect(state.seq).toBe(11);
    expect(unapplied.map((c) => c.seq)).toEqual([13, 14]);
    expect(state.fireAlerts.has('c')).toBe(false);
  });

  it('accepts a filtered stream whose prevSeq bridges changes it did not need', () => {
    const { state, unapplied } = applyChanges(base, [change(15, 'b', 'new', 10), change(20, 'c', 'new', 15)]);
    expect(unapplied).toEqual([]);
    expect(state.seq).toBe(20);
  });

  it('does not touch the input state', () => {
    applyChanges(base, [change(11, 'a', 'acknowledged')]);
    expect(base.fireAlerts.get('a')!.status).toBe('new');
    expect(base.seq).toBe(10);
  });

  it('deletes', () => {
    const del: Change = { seq: 11, at: T, actor: 't', entity: 'fireAlert', op: 'delete', data: { id: 'a' } };
    expect(applyChanges(base, [del]).state.fireAlerts.has('a')).toBe(false);
  });
});

describe('the sync session', () => {
  const live = receiveSnapshot(initialSyncState, snapshot(10));

  it('holds changes that arrive before the snapshot and applies the newer ones after it', () => {
    const early = receiveChanges(initialSyncState, [change(9, 'old'), change(11, 'new')]);
    const s = receiveSnapshot(early, snapshot(10));
    expect(s.live!.seq).toBe(11);
    expect(s.live!.fireAlerts.has('old')).toBe(false);
    expect(s.held).toEqual([]);
  });

  it('asks to resume at a gap, holds later changes, and settles out-of-order deliveries', () => {
    const gapped = receiveChanges(live, [change(11, 'a'), change(13, 'c')]);
    expect(needsResume(live, gapped)).toBe(true);
    expect(gapped.resumingFrom).toBe(11);
    const more = receiveChanges(gapped, [change(14, 'd')]);
    expect(needsResume(gapped, more)).toBe(false); // one resume at a time
    const replied = receiveChanges(more, [change(12, 'b'), change(13, 'c'), change(14, 'd')]);
    const done = finishResume(replied);
    expect(done.resumingFrom).toBeNull();
    expect(done.live!.seq).toBe(14);
    expect([...done.live!.fireAlerts.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('resumes after a reconnect, even if the answer is a fresh snapshot', () => {
    const reconnecting = startResume(receiveChanges(live, [change(11, 'a')]));
    expect(reconnecting.resumingFrom).toBe(11);
    const held = receiveChanges(reconnecting, [change(31, 'z')]);
    const fresh = receiveSnapshot(held, snapshot(30, [alert('y')]));
    expect(fresh.live!.seq).toBe(31);
    expect([...fresh.live!.fireAlerts.keys()].sort()).toEqual(['y', 'z']);
    expect(fresh.resumingFrom).toBeNull();
  });

  it('starts another resume when what it held still has a gap', () => {
    const gapped = receiveChanges(live, [change(12, 'b')]);
    const stillMissing = finishResume(receiveChanges(gapped, [change(15, 'e')]));
    expect(stillMissing.resumingFrom).toBe(10);
    expect(needsResume({ ...stillMissing, resumingFrom: null }, stillMissing)).toBe(true);
  });
});

describe('forgetPast', () => {
  const DAY = 86_400_000;
  const now = new Date(Date.parse(T) + 8 * DAY);
  const shift = (id: string, endsAt: string) =>
    ({
      id,
      date: '2026-11-23',
      role: 'officer',
      person: '甲',
      phone: '1',
      startsAt: T,
      endsAt,
      status: 'on_post',
      checkedInAt: null,
      checkedOutAt: null,
      updatedAt: T,
      demo: true,
    }) as const;

  it('forgets finished alerts a week after their last change and past duty, keeps active ones and today', () => {
    const live = liveStateFromSnapshot({
      ...snapshot(5, [
        alert('closed-old', 'closed'),
        alert('active-old', 'responding'),
        { ...alert('closed-recent', 'closed'), updatedAt: new Date(now.getTime() - DAY).toISOString() },
      ]),
      duty: { shifts: [shift('past', T), shift('today', now.toISOString())], handovers: [], log: [] },
    });
    const kept = forgetPast(live, now);
    expect([...kept.fireAlerts.keys()].sort()).toEqual(['active-old', 'closed-recent']);
    expect([...kept.dutyShifts.keys()]).toEqual(['today']);
    expect(kept.seq).toBe(5);
    expect(forgetPast(kept, now)).toBe(kept); // nothing more to forget: the same picture
  });
});
