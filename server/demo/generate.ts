import { base, en, Faker, zh_CN } from '@faker-js/faker';
import { DISTRICTS, type DistrictCode, districtByCode } from '../../shared/districts.ts';
import { type DutyRole, type DutyShift, type DutyStatus, shanghaiInstant } from '../../shared/duty.ts';
import type { RiskCategory, RiskLevel, RiskPoint } from '../../shared/risk-points.ts';
import type { DistrictLocator } from '../geo/district-locator.ts';
import { SiteNamer, STREETS } from './names.ts';
import { personName, phoneNumber } from './people.ts';

/** A seeded generator: the same seed yields the same Jiujiang, record for record. */
export function demoFaker(seed: number): Faker {
  const faker = new Faker({ locale: [zh_CN, en, base] });
  faker.seed(seed);
  return faker;
}

type Weights<K extends string> = Partial<Record<K, number>>;

/** Where each kind of risk concentrates in Jiujiang, by district code. */
const CATEGORY_DISTRICTS: Record<RiskCategory, Weights<DistrictCode>> = {
  hazardous_chemicals: { '360429': 6, '360430': 5, '360404': 2, '360481': 1, '360425': 1 },
  mine: { '360481': 5, '360423': 4, '360424': 2, '360426': 1 },
  tailings_pond: { '360481': 5, '360423': 4, '360424': 1 },
  gas: { '360403': 3, '360402': 3, '360404': 2, '360483': 1, '360425': 1, '360428': 1 },
  fireworks: { '360430': 2, '360428': 2, '360424': 2, '360423': 1, '360426': 1 },
  construction_site: { '360402': 4, '360403': 3, '360404': 3, '360482': 2, '360483': 1 },
  crowded_place: { '360403': 6, '360402': 5, '360404': 2, '360483': 2, '360482': 1 },
  small_venue: { '360403': 5, '360402': 5, '360404': 3, '360424': 2, '360428': 2, '360425': 2 },
  road_transport: { '360404': 2, '360425': 2, '360426': 2, '360481': 2, '360429': 1, '360430': 1 },
  water: { '360428': 5, '360425': 4, '360429': 3, '360482': 3, '360483': 2, '360430': 2 },
  forest: { '360483': 6, '360424': 6, '360423': 5, '360481': 3, '360426': 2, '360425': 2 },
  other: Object.fromEntries(DISTRICTS.map((d) => [d.code, 1])),
};

const CATEGORY_SHARE: Record<RiskCategory, number> = {
  hazardous_chemicals: 8,
  mine: 5,
  tailings_pond: 3,
  gas: 8,
  fireworks: 4,
  construction_site: 10,
  crowded_place: 14,
  small_venue: 20,
  road_transport: 6,
  water: 7,
  forest: 10,
  other: 5,
};

/** Share of each level, per thousand; chemicals and tailings ponds run hotter. */
function levelWeights(category: RiskCategory): Weights<RiskLevel> {
  if (category === 'hazardous_chemicals' || category === 'tailings_pond' || category === 'mine') return { red: 80, orange: 220, yellow: 400, blue: 300 };
  return { red: 25, orange: 110, yellow: 350, blue: 515 };
}

function pick<K extends string>(faker: Faker, weights: Weights<K>): K {
  const entries = Object.entries(weights) as [K, number][];
  return faker.helpers.weightedArrayElement(entries.map(([value, weight]) => ({ value, weight })));
}

/** A point inside the district: a cluster centre when the kind of site clusters (parks, mining areas), jittered. */
function placeIn(faker: Faker, locator: DistrictLocator, district: DistrictCode, clustered: boolean): [number, number] {
  const [minLon, minLat, maxLon, maxLat] = locator.boundsOf(district);
  const center = districtByCode(district)!.center;
  for (;;) {
    const [lon, lat] = clustered
      ? [center[0] + faker.number.float({ min: -0.12, max: 0.12 }), center[1] + faker.number.float({ min: -0.08, max: 0.08 })]
      : [faker.number.float({ min: minLon, max: maxLon }), faker.number.float({ min: minLat, max: maxLat })];
    if (locator.locate(lon, lat) === district) return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
    clustered = clustered && faker.number.int(9) > 0; // a centre on a lake or border: fall back to anywhere inside
  }
}

/**
 * The city's risk points, named as their ledger names them. Their hazard counts start at zero: the seeded
 * hazard ledger (`generateHazards`) is what gives them counts, by `withHazardCounts`.
 */
export function generateRiskPoints(faker: Faker, locator: DistrictLocator, count: number, updatedAt: string): RiskPoint[] {
  const points: RiskPoint[] = [];
  const namer = new SiteNamer(faker);
  for (let i = 0; i < count; i++) {
    const category = pick(faker, CATEGORY_SHARE);
    const district = pick(faker, CATEGORY_DISTRICTS[category]);
    const clustered = category === 'hazardous_chemicals' || category === 'crowded_place' || category === 'small_venue';
    const [lon, lat] = placeIn(faker, locator, district, clustered);
    const level = pick(faker, levelWeights(category));
    const districtName = districtByCode(district)!.name;
    points.push({
      id: `demo-rp-${String(i + 1).padStart(6, '0')}`,
      name: namer.name(category, district),
      category,
      level,
      lon,
      lat,
      district,
      address: `九江市${districtName}${faker.helpers.arrayElement(STREETS)}${faker.number.int({ min: 1, max: 999 })}号`,
      responsibleUnit: `${districtName}应急管理局`,
      responsiblePerson: personName(faker),
      responsiblePhone: phoneNumber(faker),
      openHazards: 0,
      overdueHazards: 0,
      externalId: null,
      updatedAt,
      demo: true,
    });
  }
  return points;
}

interface ShiftPlan {
  role: DutyRole;
  /** Local start hour and length in hours. */
  startHour: number;
  hours: number;
  seats: number;
}

/** The city bureau's rota: a 24-hour leader on duty, officers in day and night watches, support by day. */
const ROTA: ShiftPlan[] = [
  { role: 'leader', startHour: 8.5, hours: 24, seats: 1 },
  { role: 'officer', startHour: 8.5, hours: 12, seats: 2 },
  { role: 'officer', startHour: 20.5, hours: 12, seats: 2 },
  { role: 'tech_support', startHour: 8.5, hours: 9, seats: 1 },
  { role: 'driver', startHour: 8.5, hours: 24, seats: 1 },
];

/**
 * One local day's roster, with statuses as they would stand at `now`. The 带班领导 seat goes to `leader` when
 * given (the demo leader account), the other seats to generated people.
 */
export function generateDutyDay(faker: Faker, date: string, now: Date, leader?: string): DutyShift[] {
  return ROTA.flatMap((plan) =>
    Array.from({ length: plan.seats }, (_, seat) => {
      const startsAt = shanghaiInstant(date, Math.floor(plan.startHour), (plan.startHour % 1) * 60);
      const endsAt = new Date(startsAt.getTime() + plan.hours * 3600_000);
      const started = startsAt <= now;
      const status: DutyStatus = endsAt <= now ? 'handed_over' : started ? 'on_post' : 'scheduled';
      const drawn = personName(faker); // drawn for every seat, so the rest of the day is the same either way
      return {
        id: `demo-duty-${date}-${plan.role}-${String(plan.startHour).replace('.', '')}-${seat + 1}`,
        date,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        role: plan.role,
        person: plan.role === 'leader' && leader ? leader : drawn,
        phone: phoneNumber(faker),
        status,
        checkedInAt: started ? new Date(startsAt.getTime() - faker.number.int({ min: 2, max: 14 }) * 60_000).toISOString() : null,
        checkedOutAt: status === 'handed_over' ? endsAt.toISOString() : null,
        updatedAt: now.toISOString(),
        demo: true,
      };
    }),
  );
}
