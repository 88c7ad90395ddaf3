import type { Faker } from '@faker-js/faker';
import type { Logger } from 'pino';
import type { ChangeDraft } from '../../shared/changes.ts';
import type { DistrictCode } from '../../shared/districts.ts';
import { type DutyShift, localDutyDate } from '../../shared/duty.ts';
import { allowedNextStatuses, type FireAlertSource, isActiveFireAlert, mergeTarget } from '../../shared/fire-alerts.ts';
import { HAZARD_TRANSITIONS, type Hazard, type HazardStatus, type HazardTransition } from '../../shared/hazards.ts';
import { summarizeRiskPoint } from '../../shared/risk-points.ts';
import type { Config } from '../config.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { listDutyShifts, saveDutyShift } from '../duty/repository.ts';
import { dutyDatesAround } from '../../shared/duty.ts';
import { updateDutyShift } from '../duty/service.ts';
import { activeSatelliteAlertsSince, listFireAlerts } from '../fire-alerts/repository.ts';
import { reportFireAlert, transitionFireAlert } from '../fire-alerts/service.ts';
import { insertHazards, insertTipOffs, listHazards } from '../hazards/repository.ts';
import { moveHazard, reportHazard } from '../hazards/service.ts';
import { countRiskPoints, findRiskPoint, insertRiskPoints } from '../risk-points/repository.ts';
import { importCap } from '../warnings/service.ts';
import { demoFaker, generateDutyDay, generateRiskPoints } from './generate.ts';
import { demoTipOffRows, fiveElementsFor, generateHazards, hazardReportFor, noticeFor, withHazardCounts } from './hazards.ts';
import { FeedRecords } from './ownership.ts';
import { DEMO_LEADER_NAME } from '../auth/service.ts';
import { seedRiskHistories } from './assessments.ts';
import { fireReport } from './reports.ts';

/** The demo generator writes as the system, under a name no person can take. */
const ACTOR: Actor = { name: 'demo-feed', role: 'system' };
/** Forest-fire risk is highest in Lushan and the western mountain counties. */
const FOREST_DISTRICTS: DistrictCode[] = ['360483', '360424', '360423', '360481', '360426', '360425'];
const FIRE_SOURCES: FireAlertSource[] = ['satellite', 'satellite', 'watchtower', 'patrol', 'public_report'];

/**
 * Fills an empty database with the demo city, then keeps it moving — unless paused (`DEMO_FEED_PAUSED`).
 * Everything it writes is flagged demo, and it works only the records it made: what a person created or
 * changed is left to people.
 */
export async function startDemo(deps: DomainDeps, demo: Config['demo'], log: Logger): Promise<{ stop(): void }> {
  await seedCity(deps, demo, log);
  if (demo.paused) {
    log.info('demo feed paused (DEMO_FEED_PAUSED): the demo city is seeded and holds still');
    return { stop: () => undefined };
  }
  const records = await FeedRecords.load(deps.store, ACTOR.name);
  const faker = demoFaker(demo.seed + 1);
  let running = false;
  let forecastDay = localDutyDate(deps.store.clock());
  const timer = setInterval(() => {
    if (running) return; // a slow database must not pile ticks up
    running = true;
    const today = localDutyDate(deps.store.clock());
    (today === forecastDay ? Promise.resolve() : ensureFireDanger(deps).then(() => void (forecastDay = today)))
      .then(() => tick(deps, faker, demo, records))
      .catch((err) => log.warn({ err }, 'demo feed step failed'))
      .finally(() => (running = false));
  }, demo.feedIntervalMs);
  return { stop: () => clearInterval(timer) };
}

async function seedCity(deps: DomainDeps, demo: Config['demo'], log: Logger) {
  const { store } = deps;
  if ((await countRiskPoints(store.db)) === 0 && demo.riskPoints > 0) {
    const started = Date.now();
    const now = store.clock();
    const faker = demoFaker(demo.seed);
    const bare = generateRiskPoints(faker, deps.locator, demo.riskPoints, now.toISOString());
    // the ledger first, then the points' counts from it: every figure has the seeded records behind it
    const hazards = generateHazards(faker, bare, now, ACTOR.name);
    const points = withHazardCounts(bare, hazards, now);
    await store.write(ACTOR, async (trx) => {
      await insertRiskPoints(trx, points);
      await insertHazards(trx, hazards);
      await seedRiskHistories(trx, points, demo.seed, now);
      await insertTipOffs(trx, demoTipOffRows(hazards)); // their contacts, apart from the hazards that go to every screen
      return {
        result: undefined,
        changes: [
          ...points.map((point): ChangeDraft => ({ entity: 'riskPoint', op: 'upsert', data: summarizeRiskPoint(point) })),
          ...hazards.map((data): ChangeDraft => ({ entity: 'hazard', op: 'upsert', data })),
        ],
        audit: { action: 'demo.seedCity', entity: 'riskPoint', entityId: null, before: null, after: { riskPoints: points.length, hazards: hazards.length } },
      };
    });
    log.info({ riskPoints: points.length, hazards: hazards.length, ms: Date.now() - started }, 'demo city seeded');
  }
  await ensureRoster(deps, demo.seed);
  await ensureFireDanger(deps);
}

/** The demo forecast of 森林火险 for the day: orange over the mountain forests, yellow around them. */
const FIRE_DANGER = [
  { severity: 'Severe', level: '橙色', districts: ['360423', '360424', '360483'] },
  { severity: 'Moderate', level: '黄色', districts: ['360481', '360426', '360404'] },
] as const;

/**
 * Each local day the demo meteorological service issues its forest fire danger warnings, as CAP through the
 * real importer (a CAP exercise, flagged demo); the same day's are already held and change nothing.
 */
async function ensureFireDanger(deps: DomainDeps) {
  const now = deps.store.clock();
  const day = localDutyDate(now);
  const expires = new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();
  for (const { severity, level, districts } of FIRE_DANGER) {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>demo-fire-danger-${day}-${level === '橙色' ? 'orange' : 'yellow'}</identifier>
  <sender>demo-meteorology@jiujiang.example</sender>
  <sent>${now.toISOString().replace(/\.\d{3}Z$/, '+00:00')}</sent>
  <status>Exercise</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Fire</category>
    <event>森林火险${level}预警</event>
    <urgency>Expected</urgency>
    <severity>${severity}</severity>
    <certainty>Likely</certainty>
    <expires>${expires.replace(/\.\d{3}Z$/, '+00:00')}</expires>
    <senderName>九江市气象台（演示）</senderName>
    <headline>森林火险${level}预警（演示）</headline>
    <area>
      <areaDesc>${districts.join('、')}</areaDesc>
${districts.map((d) => `      <geocode><valueName>GB/T 2260</valueName><value>${d}</value></geocode>`).join('\n')}
    </area>
  </info>
</alert>`;
    await importCap(deps, xml, ACTOR);
  }
}

/** Every local day around now has its roster; a new day's is generated when the clock reaches it. */
async function ensureRoster(deps: DomainDeps, seed: number) {
  const now = deps.store.clock();
  const dates = dutyDatesAround(now);
  const existing = new Set((await listDutyShifts(deps.store.db, dates)).map((s) => s.date));
  const missing = dates.filter((d) => !existing.has(d));
  if (missing.length === 0) return;
  const shifts = missing.flatMap((date) => generateDutyDay(demoFaker(seed + Number(date.replaceAll('-', ''))), date, now, DEMO_LEADER_NAME));
  await deps.store.write(ACTOR, async (trx) => {
    for (const shift of shifts) await saveDutyShift(trx, shift);
    return {
      result: undefined,
      changes: shifts.map((data): ChangeDraft => ({ entity: 'dutyShift', op: 'upsert', data })),
      audit: { action: 'demo.roster', entity: 'dutyShift', entityId: null, before: null, after: { dates: missing, shifts: shifts.length } },
    };
  });
}

async function tick(deps: DomainDeps, faker: Faker, demo: Config['demo'], records: FeedRecords) {
  await ensureRoster(deps, demo.seed);
  await followTheClock(deps, records);
  const roll = faker.number.int(99);
  if (roll < 6) await reportHotspot(deps, faker, records);
  else if (roll < 40) await advanceAnAlert(deps, faker, records);
  else if (roll < 80) await workAHazard(deps, faker, demo.riskPoints, records);
  else await stepAway(deps, faker, records);
}

async function reportHotspot(deps: DomainDeps, faker: Faker, records: FeedRecords) {
  const district = faker.helpers.arrayElement(FOREST_DISTRICTS);
  const [minLon, minLat, maxLon, maxLat] = deps.locator.boundsOf(district);
  for (let attempt = 0; attempt < 20; attempt++) {
    const lon = faker.number.float({ min: minLon, max: maxLon, fractionDigits: 5 });
    const lat = faker.number.float({ min: minLat, max: maxLat, fractionDigits: 5 });
    if (deps.locator.locate(lon, lat) !== district) continue;
    const source = faker.helpers.arrayElement(FIRE_SOURCES);
    const satellite = source === 'satellite';
    // a hotspot beside an alert a person is working would join that alert: the satellite looks elsewhere
    if (satellite && !(await joinsOnlyItsOwn(deps, records, lon, lat))) continue;
    await reportFireAlert(deps, { lon, lat, source, description: fireReport(faker, source, district), ...(satellite ? satelliteDetection(faker) : {}) }, ACTOR);
    return;
  }
}

/** Whether a satellite hotspot here now would join no alert, or only one of the feed's own. */
async function joinsOnlyItsOwn(deps: DomainDeps, records: FeedRecords, lon: number, lat: number): Promise<boolean> {
  const now = deps.store.clock();
  const rule = deps.rules.hotspotMerge;
  const nearby = await activeSatelliteAlertsSince(deps.store.db, new Date(now.getTime() - rule.windowMs).toISOString());
  const target = mergeTarget(nearby, { lon, lat, at: now.toISOString() }, rule);
  return !target || (await records.mayWork('fireAlert', target));
}

/** A duty officer works one of the feed's alerts one step further. */
async function advanceAnAlert(deps: DomainDeps, faker: Faker, records: FeedRecords) {
  const active = await records.workable(
    'fireAlert',
    (await listFireAlerts(deps.store.db, { limit: 200 })).filter((a) => isActiveFireAlert(a.status)),
  );
  const extinguished = await records.workable('fireAlert', await listFireAlerts(deps.store.db, { status: 'extinguished', limit: 20 }));
  const pool = extinguished.length > 0 && faker.datatype.boolean(0.2) ? extinguished : active;
  const alert = pool.length > 0 ? faker.helpers.arrayElement(pool) : undefined;
  if (!alert) return;
  const next = allowedNextStatuses(alert.status);
  const status = next.includes('false_alarm') && faker.datatype.boolean(0.6) ? 'false_alarm' : next[0];
  if (status) await transitionFireAlert(deps, alert.id, { status, note: '演示：值班员处置' }, ACTOR);
}

/** What a VIIRS pass reports with a hotspot: its pixel grows from 375 m at nadir towards the swath's edge. */
function satelliteDetection(faker: Faker) {
  const scanKm = faker.number.float({ min: 0.38, max: 0.8, fractionDigits: 2 });
  return {
    confidence: faker.number.int({ min: 30, max: 100 }),
    frpMw: faker.number.float({ min: 1, max: 80, fractionDigits: 1 }),
    footprint: { scanKm, trackKm: Math.min(0.75, Number((scanKm * 0.9).toFixed(2))) },
  };
}

/**
 * The hazard ledger moves as inspectors work it: now and then a new hazard is found on one of the demo's
 * points, otherwise one of the feed's open hazards takes its next step of the closed loop — through the
 * same service as an officer's, so its point's counts are counted again with it. About as many close as
 * are found, so the open figure neither runs away nor drains.
 */
async function workAHazard(deps: DomainDeps, faker: Faker, count: number, records: FeedRecords) {
  if (count > 0 && faker.datatype.boolean(0.15)) {
    const point = await findRiskPoint(deps.store.db, `demo-rp-${String(faker.number.int({ min: 1, max: count })).padStart(6, '0')}`);
    if (point && (await records.mayWork('riskPoint', point))) await reportHazard(deps, hazardReportFor(faker, point), ACTOR);
    return;
  }
  const open = await records.workable('hazard', await listHazards(deps.store.db, { open: true }));
  const hazard = open.length > 0 ? faker.helpers.arrayElement(open) : undefined;
  if (hazard) await moveHazard(deps, hazard.id, nextHazardStep(faker, hazard, deps.store.clock()), ACTOR);
}

/** The step an inspector would take next, with what it needs: a notice's content, a major hazard's five elements. */
function nextHazardStep(faker: Faker, hazard: Hazard, now: Date): HazardTransition {
  const next = HAZARD_TRANSITIONS[hazard.status];
  // a re-inspection passes three times in four; a tip-off is found true twice in three
  const status: HazardStatus = next.length > 1 && faker.datatype.boolean(hazard.status === 'reinspection' ? 0.25 : 0.33) ? next[1]! : next[0]!;
  const step: HazardTransition = { status, note: '演示：按闭环流程办理' };
  if (status === 'notice') step.notice = noticeFor(faker, now);
  if (hazard.status === 'notice' && hazard.grade === 'major' && !hazard.fiveElements) step.fiveElements = fiveElementsFor(faker, now, hazard.district);
  return step;
}

async function stepAway(deps: DomainDeps, faker: Faker, records: FeedRecords) {
  const now = deps.store.clock();
  const officers = (await currentShifts(deps, records)).filter((s) => s.role === 'officer' && Date.parse(s.startsAt) <= now.getTime());
  const shift = officers.length > 0 ? faker.helpers.arrayElement(officers) : undefined;
  if (shift && (shift.status === 'on_post' || shift.status === 'away'))
    await updateDutyShift(deps, shift.id, { status: shift.status === 'on_post' ? 'away' : 'on_post' }, ACTOR);
}

/** The feed's shifts whose time has come check in; those whose time is over hand over. A shift a person changed is theirs. */
async function followTheClock(deps: DomainDeps, records: FeedRecords) {
  const now = deps.store.clock().getTime();
  for (const shift of await currentShifts(deps, records)) {
    const starts = Date.parse(shift.startsAt);
    const ends = Date.parse(shift.endsAt);
    if (shift.status === 'scheduled' && starts <= now && now < ends) await updateDutyShift(deps, shift.id, { status: 'on_post' }, ACTOR);
    if ((shift.status === 'on_post' || shift.status === 'away') && ends <= now) await updateDutyShift(deps, shift.id, { status: 'handed_over' }, ACTOR);
  }
}

/** The shifts around now that the feed may still work. */
async function currentShifts(deps: DomainDeps, records: FeedRecords): Promise<DutyShift[]> {
  return records.workable('dutyShift', await listDutyShifts(deps.store.db, dutyDatesAround(deps.store.clock())));
}
