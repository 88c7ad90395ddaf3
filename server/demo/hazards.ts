import { createHash } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
import { type DistrictCode, DISTRICTS, districtByCode } from '../../shared/districts.ts';
import {
  countHazards,
  type Hazard,
  hazardAfterStep,
  type HazardStatus,
  hazardStepRefusal,
  type HazardTransition,
  isHazardOverdue,
  newHazard,
  TIP_OFF_REPLY_DAYS,
  type TipOffCategory,
  type TipOffFacts,
  tipOffReference,
  tipOffReferencePrefix,
  tipOffReplyDue,
} from '../../shared/hazards.ts';
import type { RiskCategory, RiskLevel, RiskPoint } from '../../shared/risk-points.ts';
import type { TipOffRow } from '../hazards/repository.ts';
import { personName } from './people.ts';

/**
 * The demo city's hazard ledger (隐患台账): real hazard records behind every count, each with the history it
 * would have had — found, a rectification notice, rectification, acceptance asked for, re-inspection, and
 * sometimes a failed re-inspection sent back — built step by step under the same rules as the officers'
 * steps (`hazardStepRefusal`, `hazardAfterStep`), only dated in the past.
 */

/** Hazards per risk point, on average, in the demo city. */
const HAZARDS_PER_POINT = 0.4;
/**
 * At most this many: a city bureau's ledger holds thousands of hazards, not one for every 2.5 of 100,000
 * points (the desk's benchmark city), which would make the snapshot a ledger dump.
 */
export const DEMO_HAZARDS_MAX = 2000;
/** Public tip-offs (群众举报) among them, not tied to any risk point: they count in the district's and city's figures. */
const TIP_OFF_SHARE = 0.04;

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** What inspectors find, by kind of site. */
const HAZARD_TITLES: Record<RiskCategory, string[]> = {
  hazardous_chemicals: [
    '储罐区可燃气体报警器失效',
    '危化品仓库超量储存',
    '装卸区静电接地不良',
    '重大危险源监测数据未接入',
    '动火作业票证不全',
    '围堰排水阀常开',
  ],
  mine: ['井下通风设施损坏', '采空区未按设计充填', '排土场边坡出现裂缝', '爆破器材库台账不清', '提升机保护装置失效'],
  tailings_pond: ['坝体浸润线偏高', '排洪设施淤堵', '在线监测设备离线', '干滩长度不足'],
  gas: ['调压器出口压力异常', '阀门井积水锈蚀', '可燃气体探测器未检定', '液化气钢瓶超期未检'],
  fireworks: ['仓库超量存放', '防雷设施检测过期', '零售点与居住场所未分隔', '库房安全距离不足'],
  construction_site: ['高支模未按方案搭设', '深基坑支护监测缺失', '塔吊限位装置失效', '临边防护缺失', '脚手架连墙件不足'],
  crowded_place: ['疏散通道堵塞', '消防设施损坏', '安全出口锁闭', '应急照明失效', '电气线路私拉乱接'],
  small_venue: ['住人与经营场所未分隔', '电动自行车室内充电', '灭火器过期失效', '电气线路老化', '疏散楼梯堆放杂物'],
  road_transport: ['危货车辆动态监控离线', '长下坡路段避险车道标志缺失', '驾驶员超时驾驶', '波形护栏损坏未修复'],
  water: ['圩堤背水坡散浸', '涵闸启闭设备锈蚀', '渡船救生设备不足', '防汛物资储备不足'],
  forest: ['防火隔离带未清理', '林区野外用火管控缺失', '瞭望设施损坏', '扑火物资储备不足'],
  other: ['粉尘清扫制度未落实', '有限空间作业未审批', '除尘系统未设泄爆装置', '叉车作业区未分隔'],
};

const MEASURES = [
  '立即停用损坏设施并更换，整改完成前每日专人巡查',
  '清理堵塞物，落实岗位责任人每班检查并记录',
  '按设计方案整改，报监理单位复核后恢复作业',
  '委托有资质单位检测维修，建立检测台账',
  '限期补齐安全设施，整改期间落实临时管控措施',
];

/** What the public tells the tip-off line, district by district, and the category the citizen chose for it. */
const TIP_OFF_TITLES: readonly [string, TipOffCategory][] = [
  ['山脚下有人烧荒', 'fire'],
  ['小区地下车库电动车集中充电', 'fire'],
  ['工地夜间违规动火作业', 'fire'],
  ['河道有人非法采砂', 'flood'],
  ['路边流动加油点疑似非法经营', 'hazardous_chemicals'],
  ['废弃厂房有人堆放液化气罐', 'hazardous_chemicals'],
];

/**
 * Where a hazard's loop would end if time allowed, by weight: most are worked through to 销号, and the clock
 * stops the recent ones where they stand; the rest stall at a step (the overdue ones among them).
 */
const STAGE_WEIGHTS: { value: HazardStatus; weight: number }[] = [
  { value: 'found', weight: 1 },
  { value: 'notice', weight: 2 },
  { value: 'rectifying', weight: 5 },
  { value: 'submitted', weight: 1 },
  { value: 'reinspection', weight: 1 },
  { value: 'closed', weight: 90 },
];

/** Red and orange points are inspected harder and carry more of the ledger. */
const LEVEL_WEIGHT: Record<RiskLevel, number> = { red: 5, orange: 2.5, yellow: 1, blue: 0.5 };

/** The steps that take a hazard from `found` to `target`, with what each needs; a failed re-inspection sometimes on the way. */
function pathTo(target: HazardStatus, rejected: boolean): HazardStatus[] {
  const loop: HazardStatus[] = ['notice', 'rectifying', 'submitted', 'reinspection'];
  const path: HazardStatus[] = rejected ? [...loop, 'rectifying', 'submitted', 'reinspection', 'closed'] : [...loop, 'closed'];
  return path.slice(0, path.lastIndexOf(target) + 1);
}

interface Seeder {
  faker: Faker;
  now: number;
  actor: string;
}

/** 整改通知 issued at `at`: who rectifies, how, and by when (ten to forty days on). */
export function noticeFor(faker: Faker, at: Date): NonNullable<HazardTransition['notice']> {
  return {
    responsiblePerson: personName(faker),
    measures: faker.helpers.arrayElement(MEASURES),
    deadline: new Date(at.getTime() + faker.number.int({ min: 10, max: 40 }) * DAY_MS).toISOString(),
  };
}

/** 五落实 of a major hazard, settled at `at`: responsibility, measures, funds, deadline, contingency plan. */
export function fiveElementsFor(faker: Faker, at: Date, district: DistrictCode): NonNullable<HazardTransition['fiveElements']> {
  return {
    responsibility: `企业主要负责人${personName(faker)}牵头整改，${districtByCode(district)!.name}应急管理局挂牌督办`,
    measures: '局部停产整改，设置警戒区域，整改期间专人值守',
    funds: `${faker.number.int({ min: 5, max: 300 })}万元`,
    deadline: new Date(at.getTime() + faker.number.int({ min: 30, max: 90 }) * DAY_MS).toISOString(),
    contingencyPlan: '重大隐患专项应急预案：配备应急物资，每月组织一次演练',
  };
}

/** What an inspector files on finding a hazard at this point (the body of `POST /api/hazards`). */
export function hazardReportFor(faker: Faker, point: RiskPoint) {
  const title = faker.helpers.arrayElement(HAZARD_TITLES[point.category]);
  const source = faker.helpers.arrayElement(['inspector', 'inspector', 'grid_officer'] as const);
  return {
    riskPointId: point.id,
    title,
    description: `${source === 'inspector' ? '执法检查' : '网格员巡查'}发现${point.name}${title}，已当场告知企业负责人`,
    grade: faker.datatype.boolean(point.level === 'red' ? 0.25 : 0.06) ? ('major' as const) : ('general' as const),
    source,
  };
}

/** How long after the step before it each step comes (min and max hours): rectification takes the longest. */
const STEP_GAP_HOURS: Partial<Record<HazardStatus, [number, number]>> = {
  found: [2, 48],
  dismissed: [4, 72],
  notice: [2, 48],
  rectifying: [2, 72],
  submitted: [2 * 24, 20 * 24],
  reinspection: [2, 72],
  closed: [2, 48],
};

/** One more step, dated after the last and before now; null when there is no time left before now. */
function stepOn(s: Seeder, hazard: Hazard, status: HazardStatus): Hazard | null {
  const last = Date.parse(hazard.history.at(-1)!.at);
  const [min, max] = STEP_GAP_HOURS[status] ?? [2, 48];
  const at = last + s.faker.number.int({ min: min * HOUR_MS, max: max * HOUR_MS });
  if (at >= s.now) return null;
  const step: HazardTransition = { status, note: noteFor(status, hazard.status) };
  if (status === 'notice') {
    step.notice = noticeFor(s.faker, new Date(at));
    // 重大隐患五落实, in place with the notice so rectification may begin
    if (hazard.grade === 'major') step.fiveElements = fiveElementsFor(s.faker, new Date(at), hazard.district);
  }
  const refusal = hazardStepRefusal(hazard, step);
  if (refusal) throw new Error(`demo hazard ${hazard.id}: ${refusal}`);
  return hazardAfterStep(hazard, step, new Date(at).toISOString(), s.actor);
}

function noteFor(status: HazardStatus, from: HazardStatus): string {
  switch (status) {
    case 'found':
      return '核实属实，予以受理';
    case 'notice':
      return '下达隐患整改通知书';
    case 'submitted':
      return '企业报告整改完成，申请验收';
    case 'reinspection':
      return '安排复查';
    case 'closed':
      return '复查合格，予以销号';
    case 'rectifying':
      return from === 'reinspection' ? '复查不合格，责令继续整改' : '企业已组织整改';
    case 'dismissed':
      return '经核查不属于安全生产隐患';
    default:
      return '';
  }
}

/**
 * Where the overdue check would have left the hazard: an open one past its deadline was marked when the
 * deadline passed.
 */
function asOverdueCheckLeftIt(hazard: Hazard, now: Date): Hazard {
  if (!isHazardOverdue(hazard, now)) return hazard;
  const since = hazard.notice!.deadline;
  return { ...hazard, overdueSince: since, updatedAt: since > hazard.updatedAt ? since : hazard.updatedAt };
}

/** Draws points by weight, fast enough for 100,000 of them. */
function pointDrawer(faker: Faker, points: readonly RiskPoint[]): () => RiskPoint {
  const cumulative: number[] = [];
  let total = 0;
  for (const p of points) cumulative.push((total += LEVEL_WEIGHT[p.level]));
  return () => {
    const x = faker.number.float({ min: 0, max: total });
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return points[lo]!;
  };
}

/**
 * The seeded ledger of these points, as it stands at `now`: ids `demo-hz-…`, every step by the demo's
 * `actor`, flagged demo. Some overdue past their deadline, some major with their five elements, about a
 * third closed; a few public tip-offs on no point at all.
 */
export function generateHazards(faker: Faker, points: readonly RiskPoint[], now: Date, actor: string): Hazard[] {
  const s: Seeder = { faker, now: now.getTime(), actor };
  const count = points.length === 0 ? 0 : Math.min(DEMO_HAZARDS_MAX, Math.max(1, Math.round(points.length * HAZARDS_PER_POINT)));
  const draw = pointDrawer(faker, points);
  const hazards: Hazard[] = [];
  for (let i = 0; i < count; i++) {
    const id = `demo-hz-${String(i + 1).padStart(6, '0')}`;
    // found within the last three months
    const foundAt = new Date(s.now - faker.number.int({ min: HOUR_MS, max: 90 * DAY_MS })).toISOString();
    const tipOff = faker.datatype.boolean(TIP_OFF_SHARE);
    let hazard: Hazard;
    if (tipOff) {
      const district = faker.helpers.arrayElement(DISTRICTS);
      const [title, category] = faker.helpers.arrayElement(TIP_OFF_TITLES);
      const tipOff: TipOffFacts = { reference: '', category, replyDueAt: tipOffReplyDue(foundAt), hasContact: true, hasPhoto: false, reply: null };
      hazard = newHazard(
        {
          riskPointId: null,
          district: district.code,
          title,
          description: `群众举报：${district.name}${title}`,
          grade: 'general',
          source: 'public_tip_off',
          tipOff,
        },
        { id, status: 'reported', foundAt, at: foundAt, actor, note: '', demo: true },
      );
      const review = faker.helpers.weightedArrayElement([
        { value: null, weight: 5 },
        { value: 'dismissed' as const, weight: 2 },
        { value: 'found' as const, weight: 3 },
      ]);
      if (review) hazard = stepOn(s, hazard, review) ?? hazard;
      if (hazard.status !== 'found') {
        hazards.push(hazard);
        continue;
      }
    } else {
      const point = draw();
      hazard = newHazard(
        { ...hazardReportFor(faker, point), district: point.district },
        { id, status: 'found', foundAt, at: foundAt, actor, note: '', demo: true },
      );
    }
    const target = faker.helpers.weightedArrayElement(STAGE_WEIGHTS);
    for (const status of pathTo(target, faker.datatype.boolean(0.15))) {
      const next = stepOn(s, hazard, status);
      if (!next) break; // the rest of its loop is still ahead of it
      hazard = next;
    }
    hazards.push(asOverdueCheckLeftIt(hazard, now));
  }
  return withTipOffReferences(hazards, now, actor);
}

/** A stable small number from a record's id: the demo's tip-offs are told apart without drawing from the faker again. */
const idHash = (id: string) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

/**
 * The demo's tip-offs numbered as the tip-off line numbers them (JB-<day>-NNNN, by the day received, in
 * order), and answered as a line is: the reporter told within the ten days, a few days after receipt — but
 * for one, the oldest unanswered, whose ten days ran out, and the recent ones not yet answered.
 */
function withTipOffReferences(hazards: Hazard[], now: Date, actor: string): Hazard[] {
  const tipOffs = hazards.filter((h) => h.tipOff).sort((a, b) => (a.foundAt < b.foundAt ? -1 : a.foundAt > b.foundAt ? 1 : a.id < b.id ? -1 : 1));
  const numbered = new Map<string, number>();
  const next = new Map<string, Hazard>();
  let overdueLeft = false;
  for (const h of tipOffs) {
    const prefix = tipOffReferencePrefix(h.foundAt);
    const n = (numbered.get(prefix) ?? 0) + 1;
    numbered.set(prefix, n);
    const hash = idHash(h.id);
    const repliedAt = Date.parse(h.foundAt) + (1 + (hash % (TIP_OFF_REPLY_DAYS - 2))) * DAY_MS;
    const due = Date.parse(h.tipOff!.replyDueAt) < now.getTime();
    // one whose ten days are over is left unanswered, so the queue shows what an overdue reply looks like
    const leaveOverdue: boolean = due && !overdueLeft;
    overdueLeft ||= leaveOverdue;
    const reply: TipOffFacts['reply'] =
      !leaveOverdue && repliedAt < now.getTime()
        ? {
            text: h.status === 'dismissed' ? '经核查，您反映的情况不属于安全生产隐患，感谢您的监督。' : '您反映的问题已转交属地核查处理，感谢您的监督。',
            channel: hash % 3 === 0 ? 'sms' : 'phone',
            at: new Date(repliedAt).toISOString(),
            by: actor,
          }
        : null;
    const updatedAt = reply && reply.at > h.updatedAt ? reply.at : h.updatedAt;
    next.set(h.id, { ...h, tipOff: { ...h.tipOff!, reference: tipOffReference(h.foundAt, n, createHash('sha256').update(h.id).digest()), reply }, updatedAt });
  }
  return hazards.map((h) => next.get(h.id) ?? h);
}

/** The private part of the demo's tip-offs (a made-up mobile number each, no photo), for the tip-offs table. */
export function demoTipOffRows(hazards: readonly Hazard[]): TipOffRow[] {
  return hazards
    .filter((h) => h.tipOff)
    .map((h) => ({
      hazardId: h.id,
      reference: h.tipOff!.reference,
      contact: `1390792${String(idHash(h.id) % 10_000).padStart(4, '0')}`,
      photo: null,
      photoType: null,
      receivedAt: h.foundAt,
      demo: 1,
    }));
}

/** The points with their counts as `countHazards` counts these hazards: the seed's counts have the seed's records behind them. */
export function withHazardCounts(points: readonly RiskPoint[], hazards: readonly Hazard[], now: Date): RiskPoint[] {
  const byPoint = new Map<string, Hazard[]>();
  for (const h of hazards) {
    if (!h.riskPointId) continue;
    const on = byPoint.get(h.riskPointId);
    if (on) on.push(h);
    else byPoint.set(h.riskPointId, [h]);
  }
  return points.map((p) => {
    const { open, overdue } = countHazards(byPoint.get(p.id) ?? [], now);
    return { ...p, openHazards: open, overdueHazards: overdue };
  });
}
