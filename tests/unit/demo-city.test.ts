import { describe, expect, it } from 'vitest';
import { fireReport } from '../../server/demo/reports.ts';
import { demoFaker, generateRiskPoints } from '../../server/demo/generate.ts';
import { DEMO_HAZARDS_MAX, generateHazards, withHazardCounts } from '../../server/demo/hazards.ts';
import { madeByFeed } from '../../server/demo/ownership.ts';
import { DistrictLocator } from '../../server/geo/district-locator.ts';
import { countHazards, type Hazard, hazardAfterStep, hazardStepRefusal, isHazardOpen, isHazardOverdue, newHazard } from '../../shared/hazards.ts';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const FEED = 'demo-feed';

function city(seed = 7, points = 600) {
  const faker = demoFaker(seed);
  const bare = generateRiskPoints(faker, DistrictLocator.load(), points, NOW.toISOString());
  const hazards = generateHazards(faker, bare, NOW, FEED);
  return { bare, hazards, points: withHazardCounts(bare, hazards, NOW) };
}

/** The hazard its history says it is, replayed step by step under the officers' rules. */
function replay(hazard: Hazard): Hazard {
  const [first, ...steps] = hazard.history;
  let h = newHazard(hazard, {
    id: hazard.id,
    status: first!.status as 'found' | 'reported',
    foundAt: first!.at,
    at: first!.at,
    actor: first!.actor,
    note: '',
    demo: true,
  });
  for (const step of steps) {
    const issuing = step.status === 'notice';
    const transition = {
      status: step.status,
      note: step.note,
      notice: issuing ? hazard.notice! : undefined,
      fiveElements: issuing ? (hazard.fiveElements ?? undefined) : undefined,
    };
    expect(hazardStepRefusal(h, transition), `${hazard.id} ${h.status} → ${step.status}`).toBeNull();
    h = hazardAfterStep(h, transition, step.at, step.actor);
  }
  return h;
}

describe('the demo city', () => {
  const { bare, hazards, points } = city();

  it('names its sites as ledgers do: Chinese names, no running numbers, none twice', () => {
    for (const p of bare) expect(p.name, p.name).not.toMatch(/\d/);
    expect(new Set(bare.map((p) => p.name)).size).toBe(bare.length);
  });

  it('seeds a hazard ledger whose histories the closed loop allows, dated in order and before now', () => {
    expect(hazards.length).toBe(Math.round(bare.length * 0.4));
    for (const h of hazards) {
      expect(h).toMatchObject({ demo: true });
      expect(h.history.every((s) => s.actor === FEED)).toBe(true);
      const times = h.history.map((s) => Date.parse(s.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(times.at(-1)!).toBeLessThan(NOW.getTime());
      expect(replay(h).status).toBe(h.status);
    }
  });

  it('holds overdue, major (with the five elements), closed, dismissed and pointless tip-off hazards alike', () => {
    const overdue = hazards.filter((h) => isHazardOverdue(h, NOW));
    expect(overdue.length).toBeGreaterThan(10);
    for (const h of overdue) expect(h.overdueSince).toBe(h.notice!.deadline);
    for (const h of hazards.filter((x) => !isHazardOverdue(x, NOW))) expect(h.overdueSince).toBeNull();
    const majorsUnderWay = hazards.filter((h) => h.grade === 'major' && h.status !== 'found');
    expect(majorsUnderWay.length).toBeGreaterThan(5);
    for (const h of majorsUnderWay.filter((x) => x.notice)) expect(h.fiveElements).not.toBeNull();
    expect(hazards.filter((h) => h.status === 'closed').length).toBeGreaterThan(hazards.length / 5);
    expect(hazards.some((h) => h.history.some((s, i) => s.status === 'rectifying' && h.history[i - 1]?.status === 'reinspection'))).toBe(true);
    const tipOffs = hazards.filter((h) => h.riskPointId === null);
    expect(tipOffs.length).toBeGreaterThan(0);
    expect(tipOffs.every((h) => h.source === 'public_tip_off')).toBe(true);
  });

  it('gives each point the counts its own hazard records make, and the city the counts of all of them', () => {
    const pointed = hazards.filter((h) => h.riskPointId !== null);
    for (const p of points)
      expect([p.openHazards, p.overdueHazards]).toEqual(
        Object.values(
          countHazards(
            pointed.filter((h) => h.riskPointId === p.id),
            NOW,
          ),
        ),
      );
    const sum = points.reduce((s, p) => ({ open: s.open + p.openHazards, overdue: s.overdue + p.overdueHazards }), { open: 0, overdue: 0 });
    expect(sum).toEqual(countHazards(pointed, NOW));
    expect(countHazards(hazards, NOW).open).toBe(hazards.filter((h) => isHazardOpen(h.status)).length);
  });

  it('is the same city for the same seed, and keeps the ledger to a city bureau’s size', () => {
    expect(city().hazards).toEqual(hazards);
    const faker = demoFaker(3);
    const many = Array.from({ length: 6000 }, (_, i) => ({ ...bare[i % bare.length]!, id: `demo-rp-${i}` }));
    expect(generateHazards(faker, many, NOW, FEED)).toHaveLength(DEMO_HAZARDS_MAX);
    expect(generateHazards(faker, [], NOW, FEED)).toEqual([]);
  });

  it('has a lookout report what a lookout sees: the place, the bearing and the distance from the tower', () => {
    const faker = demoFaker(11);
    for (let i = 0; i < 20; i++) expect(fireReport(faker, 'watchtower', '360483')).toMatch(/瞭望塔报告：.+(方向|一带).+距塔约\d+公里$/);
    expect(fireReport(faker, 'patrol', '360424')).toMatch(/^护林员报告：修水县/);
  });

  it('counts as its own only demo records it made itself', () => {
    const alert = { id: 'fa-1', demo: true, history: [{ actor: FEED }] };
    expect(madeByFeed('fireAlert', alert, FEED)).toBe(true);
    expect(madeByFeed('fireAlert', { ...alert, history: [{ actor: 'officer' }] }, FEED)).toBe(false);
    expect(madeByFeed('fireAlert', { ...alert, demo: false }, FEED)).toBe(false);
    expect(madeByFeed('riskPoint', { id: 'demo-rp-000001', demo: true }, FEED)).toBe(true);
    expect(madeByFeed('riskPoint', { id: 'rp-person', demo: true }, FEED)).toBe(false);
    expect(madeByFeed('dutyShift', { id: 'demo-duty-2026-11-23-officer-85-1', demo: true }, FEED)).toBe(true);
  });
});
