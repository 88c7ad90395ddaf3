import type { WallRules } from '../../shared/basemap.ts';
import type { LiveState } from '../../shared/sync.ts';
import { needsAttention } from '../../shared/fire-alerts.ts';

/** Something the leaders must see at once: a new untaken fire alert, or a risk point that became red. */
export interface News {
  kind: 'fireAlert' | 'riskPoint';
  id: string;
  lon: number;
  lat: number;
  district: string;
}

/** Where the wall's camera is: the whole city, one piece of news, or one district of the tour. */
export type Shot = { kind: 'overview' } | { kind: 'focus'; news: News; until: number } | { kind: 'tour'; district: string; until: number };

export interface Director {
  shot: Shot;
  /** Since when nothing new has happened: the tour starts after `tourAfterSeconds` of quiet. */
  quietSince: number;
  /** The next district of the tour. */
  tourIndex: number;
}

const seconds = (s: number) => s * 1000;

export const startDirector = (now: number): Director => ({ shot: { kind: 'overview' }, quietSince: now, tourIndex: 0 });

/** The news between two live pictures; none from the first picture, which holds only what was known. */
export function newsBetween(before: LiveState, after: LiveState): News[] {
  const news: News[] = [];
  if (after.fireAlerts !== before.fireAlerts)
    for (const [id, alert] of after.fireAlerts.diffSince(before.fireAlerts).changed)
      if (!before.fireAlerts.get(id) && needsAttention(alert)) news.push({ kind: 'fireAlert', id, lon: alert.lon, lat: alert.lat, district: alert.district });
  if (after.riskPoints !== before.riskPoints)
    for (const [id, point] of after.riskPoints.diffSince(before.riskPoints).changed)
      if (point.level === 'red' && before.riskPoints.get(id)?.level !== 'red')
        news.push({ kind: 'riskPoint', id, lon: point.lon, lat: point.lat, district: point.district });
  return news;
}

/** The wall turns to the news at once (a fire before a red point when both come together) and stays on it a while. */
export function noticeNews(director: Director, news: readonly News[], now: number, rules: WallRules): Director {
  if (news.length === 0) return director;
  const first = news.find((n) => n.kind === 'fireAlert') ?? news[0]!;
  return { ...director, shot: { kind: 'focus', news: first, until: now + seconds(rules.focusSeconds) }, quietSince: now };
}

/**
 * Moves the camera on as time passes: from news back to the whole city when its time is up; after a quiet
 * spell, one district after another and the whole city again, for as long as nothing happens. The same
 * director comes back when nothing changes.
 */
export function tick(director: Director, now: number, rules: WallRules, districts: readonly string[]): Director {
  const { shot } = director;
  if (shot.kind === 'focus') return now >= shot.until ? { ...director, shot: { kind: 'overview' }, quietSince: now } : director;
  if (rules.tourStepSeconds === 0 || districts.length === 0) return shot.kind === 'overview' ? director : { ...director, shot: { kind: 'overview' } };
  if (shot.kind === 'tour' && now < shot.until) return director;
  if (shot.kind === 'overview' && now - director.quietSince < seconds(rules.tourAfterSeconds)) return director;
  const index = director.tourIndex;
  // after the last district the whole city has its turn, then the tour goes round again
  if (index >= districts.length)
    return { shot: { kind: 'overview' }, quietSince: now - seconds(rules.tourAfterSeconds) + seconds(rules.tourStepSeconds), tourIndex: 0 };
  return { ...director, shot: { kind: 'tour', district: districts[index]!, until: now + seconds(rules.tourStepSeconds) }, tourIndex: index + 1 };
}
