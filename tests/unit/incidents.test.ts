import { describe, expect, it } from 'vitest';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_TYPE_TABLE,
  INCIDENT_TYPES,
  incidentTypeName,
  LEGACY_INCIDENT_TYPES,
  typesOfCategory,
  UNCLASSIFIED,
} from '../../shared/incident-types.ts';
import {
  callbackPhoneSchema,
  composeReport,
  composeReportText,
  type Incident,
  incidentCreateSchema,
  type IncidentReport,
  intakeFromFireAlert,
  missingElements,
  nextReportKinds,
  prefillReport,
  type ReportElements,
  type ReportKind,
  reportingState,
  reportRefusal,
  type ReportStatus,
  signRefusal,
} from '../../shared/incidents.ts';

const rules = { initialMin: 30, followUpMin: 120 };
const occurredAt = '2026-11-23T06:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(occurredAt) + minutes * 60_000);
const report = (kind: ReportKind, minutes: number, status: ReportStatus = 'sent', n = 1): IncidentReport => ({
  n,
  kind,
  status,
  elements: null,
  text: '',
  author: 'o',
  authorName: 'o',
  writtenAt: at(minutes - 5).toISOString(),
  signedBy: status === 'sent' ? '张伟' : null,
  signedAt: status === 'sent' ? at(minutes).toISOString() : null,
  returned: null,
});

const ELEMENTS: ReportElements = {
  occurredAt: '2026-11-23T06:05:00.000Z', // 14:05 in Beijing
  place: '九江市武宁县罗坪镇长水村',
  type: 'forest_grassland_fire',
  casualties: { dead: 0, injured: 2, missing: 0, trapped: 1 },
  situation: '山林起火，过火面积约5亩',
  cause: '',
  measures: '已调派专业扑火队30人赶赴现场',
  nextSteps: '继续组织扑救，防止复燃',
};

describe('the national classification of incidents', () => {
  it('holds the four categories of the overall plan, each with its sub-types, under unique codes', () => {
    expect(INCIDENT_CATEGORIES).toEqual(['natural_disaster', 'accident', 'public_health', 'social_security']);
    const codes = INCIDENT_TYPE_TABLE.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(typesOfCategory('natural_disaster').map((t) => t.zh)).toEqual([
      '水旱灾害',
      '气象灾害',
      '地震灾害',
      '地质灾害',
      '海洋灾害',
      '生物灾害',
      '森林草原火灾',
    ]);
    expect(typesOfCategory('accident').map((t) => t.zh)).toEqual(
      expect.arrayContaining(['危险化学品事故', '矿山事故', '交通运输事故', '公共设施和设备事故', '环境污染和生态破坏事件']),
    );
    // 危险化学品 and 矿山 are 工矿商贸等企业安全事故
    expect(
      typesOfCategory('accident')
        .filter((t) => 'group' in t && t.group?.zh === '工矿商贸等企业安全事故')
        .map((t) => t.code),
    ).toEqual(['hazardous_chemicals', 'mine', 'enterprise_other']);
    for (const c of ['public_health', 'social_security'] as const) expect(typesOfCategory(c).length).toBeGreaterThan(2);
    expect(incidentTypeName('hazardous_chemicals')).toBe('事故灾难／危险化学品事故');
    expect(incidentTypeName('terrorist_attack', 'en')).toBe('Social security event／Terrorist attack');
  });

  it('maps every type of the first version onto a code that exists; "other" becomes 未分类, never offered anew', () => {
    for (const code of Object.values(LEGACY_INCIDENT_TYPES)) expect(INCIDENT_TYPES).toContain(code);
    expect(LEGACY_INCIDENT_TYPES.forest_fire).toBe('forest_grassland_fire');
    expect(LEGACY_INCIDENT_TYPES.flood).toBe('flood_drought');
    expect(LEGACY_INCIDENT_TYPES.other).toBe(UNCLASSIFIED);
    const intake = { title: 't', lon: 115.1, lat: 29.26, channel: 'fire_alert' };
    expect(incidentCreateSchema.safeParse({ ...intake, type: UNCLASSIFIED }).success).toBe(false);
    expect(incidentCreateSchema.safeParse({ ...intake, type: 'forest_fire' }).success).toBe(false);
    expect(incidentCreateSchema.safeParse({ ...intake, type: 'earthquake' }).success).toBe(true);
  });
});

describe('intake', () => {
  const phoned = { title: '罗坪镇山火', type: 'forest_grassland_fire', channel: 'phone', reporterName: '李明', callbackPhone: '13807921234' };
  const fields = (body: object) => incidentCreateSchema.safeParse(body).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('takes a place on the map, or a district with an address, and says which is missing', () => {
    expect(fields({ ...phoned, lon: 115.1, lat: 29.26 })).toEqual([]);
    expect(fields({ ...phoned, district: '360423', address: '罗坪镇长水村' })).toEqual([]);
    expect(fields({ ...phoned, district: '360423' })).toEqual(['address: give the place: click on the map, or type district and address']);
    expect(fields({ ...phoned })).toEqual(['district: give the place: click on the map, or type district and address']);
    expect(fields({ ...phoned, lon: 115.1 })).toEqual(['lat: give longitude and latitude together']);
  });

  it('needs who called and a number to call back for a phone or message, and checks the number', () => {
    const place = { lon: 115.1, lat: 29.26 };
    expect(fields({ ...phoned, ...place, reporterName: '', callbackPhone: '' })).toHaveLength(2);
    expect(fields({ ...phoned, ...place, channel: 'fire_alert', reporterName: '', callbackPhone: '' })).toEqual([]);
    for (const ok of ['13807921234', '138 0792 1234', '+86 13807921234', '0792-8581234', '07928581234', '0792-8581234-801'])
      expect(callbackPhoneSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['12345', '1380792123', '23807921234', '8581234', '0792-0581234', 'abc', '119'])
      expect(callbackPhoneSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('takes casualties as non-negative whole numbers, and an occurrence no later than the receipt', () => {
    const place = { lon: 115.1, lat: 29.26 };
    expect(fields({ ...phoned, ...place, casualties: { dead: 1, injured: 0, missing: 0, trapped: 3 } })).toEqual([]);
    expect(fields({ ...phoned, ...place, casualties: { dead: -1, injured: 0.5, missing: 0, trapped: 0 } }).map((f) => f.split(':')[0])).toEqual([
      'casualties.dead',
      'casualties.injured',
    ]);
    expect(fields({ ...phoned, ...place, occurredAt: at(10).toISOString(), receivedAt: at(5).toISOString() })).toEqual([
      'occurredAt: the incident cannot have occurred after it was received',
    ]);
  });

  it('prefills the form from a fire alert (the seam an alarm will use too)', () => {
    const alert = { id: 'fa-1', lon: 115.1, lat: 29.26, district: '360423' as const, detectedAt: occurredAt, description: '瞭望塔发现烟点' };
    const prefill = intakeFromFireAlert(alert);
    expect(prefill).toMatchObject({
      type: 'forest_grassland_fire',
      channel: 'fire_alert',
      receivedAt: occurredAt,
      fireAlertId: 'fa-1',
      title: '武宁县森林火情',
    });
    expect(incidentCreateSchema.safeParse(prefill).success).toBe(true);
  });
});

describe('reports in the template', () => {
  it('composes the usual wording: when, where and what first, then each element under its heading', () => {
    const paragraphs = composeReport('initial', ELEMENTS);
    expect(paragraphs[0]!.text).toBe('2026年11月23日14时05分，九江市武宁县罗坪镇长水村发生一起自然灾害／森林草原火灾。');
    expect(paragraphs.map((p) => p.heading)).toEqual(['', '一、基本情况', '二、人员伤亡', '三、原因初判', '四、已采取措施', '五、下一步工作']);
    const text = composeReportText('initial', ELEMENTS);
    expect(text).toContain('二、人员伤亡：已造成2人受伤、1人被困。');
    expect(text).toContain('三、原因初判：事故原因正在调查中。'); // not yet known: said so, not left out
    expect(text).toContain('四、已采取措施：已调派专业扑火队30人赶赴现场。');
    expect(composeReportText('follow_up', { ...ELEMENTS, casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 } })).toContain(
      '一、事件进展：山林起火，过火面积约5亩。\n二、人员伤亡：暂未发现人员伤亡。',
    );
  });

  it('requires the elements each kind must state: a 终报 gives the cause, a 首报 the measures and next steps', () => {
    expect(missingElements('initial', ELEMENTS)).toEqual([]);
    expect(missingElements('final', ELEMENTS)).toEqual(['cause']);
    expect(missingElements('initial', { ...ELEMENTS, measures: ' ', nextSteps: '', place: '' })).toEqual(['place', 'measures', 'nextSteps']);
    expect(missingElements('final', { ...ELEMENTS, cause: '雷击引燃', nextSteps: '' })).toEqual([]);
  });

  it('prefills from the incident, then from the previous report', () => {
    const incident = {
      district: '360423',
      address: '罗坪镇长水村',
      occurredAt,
      type: 'forest_grassland_fire',
      casualties: { dead: 0, injured: 1, missing: 0, trapped: 0 },
      description: '村民电话报告山上冒烟',
      reports: [],
    } as unknown as Incident;
    expect(prefillReport(incident)).toEqual({
      occurredAt,
      place: '九江市武宁县罗坪镇长水村',
      type: 'forest_grassland_fire',
      casualties: { dead: 0, injured: 1, missing: 0, trapped: 0 },
      situation: '村民电话报告山上冒烟',
      cause: '',
      measures: '',
      nextSteps: '',
    });
    const withReport = { ...incident, reports: [{ ...report('initial', 20), elements: ELEMENTS }] } as Incident;
    expect(prefillReport(withReport)).toMatchObject({ measures: ELEMENTS.measures, casualties: ELEMENTS.casualties, situation: ELEMENTS.situation });
  });
});

describe('sign-off', () => {
  const leader = { role: 'leader', name: 'zhangwei', displayName: '张伟' };

  it('lets only a leader sign; the one on post when the roster names one, by display or account name', () => {
    expect(signRefusal({ ...leader, role: 'officer' }, [])).toMatch(/only the leader/);
    expect(signRefusal({ ...leader, role: 'admin' }, [])).toMatch(/only the leader/);
    expect(signRefusal(leader, [])).toBeNull(); // no leader shift on post: any leader
    expect(signRefusal(leader, ['张伟'])).toBeNull();
    expect(signRefusal(leader, [' zhangwei '])).toBeNull();
    expect(signRefusal(leader, ['王芳'])).toBe('the leader on duty is 王芳: only they sign reports off now');
    expect(signRefusal(leader, [], leader.name)).toMatch(/someone other than the person who wrote it/);
    expect(signRefusal(leader, [], 'officer-1')).toBeNull();
  });
});

describe('reporting deadlines', () => {
  const receivedAt = at(90).toISOString(); // the fire smouldered 90 min before anyone phoned it in

  it('counts the initial report from receipt, not occurrence, and follow-ups from the last report signed off', () => {
    expect(reportingState({ receivedAt, reports: [] }, at(119), rules)).toEqual({ due: 'initial', deadline: at(120).toISOString(), overdue: false });
    expect(reportingState({ receivedAt, reports: [] }, at(121), rules).overdue).toBe(true);
    const afterInitial = { receivedAt, reports: [report('initial', 110)] };
    expect(reportingState(afterInitial, at(200), rules)).toEqual({ due: 'follow_up', deadline: at(230).toISOString(), overdue: false });
    expect(reportingState(afterInitial, at(231), rules).overdue).toBe(true);
    expect(reportingState({ receivedAt, reports: [report('initial', 100), report('final', 160, 'sent', 2)] }, at(9999), rules)).toEqual({
      due: null,
      deadline: null,
      overdue: false,
    });
  });

  it('does not count a report that waits for sign-off or was returned', () => {
    for (const status of ['pending', 'returned'] as const) {
      const waiting = { receivedAt, reports: [report('initial', 100, status)] };
      expect(reportingState(waiting, at(125), rules)).toEqual({ due: 'initial', deadline: at(120).toISOString(), overdue: true });
      expect(nextReportKinds(waiting)).toEqual(['initial']);
    }
    const finalWaiting = { receivedAt, reports: [report('initial', 100), report('final', 150, 'pending', 2)] };
    expect(reportingState(finalWaiting, at(160), rules).due).toBe('follow_up');
  });

  it('orders the reports: the initial first and once, one waiting at a time, nothing after the final', () => {
    expect(reportRefusal({ reports: [] }, 'initial')).toBeNull();
    expect(reportRefusal({ reports: [] }, 'follow_up')).toMatch(/initial/);
    expect(reportRefusal({ reports: [] }, 'final')).toMatch(/initial/);
    expect(reportRefusal({ reports: [report('initial', 1)] }, 'initial')).toMatch(/already/);
    expect(reportRefusal({ reports: [report('initial', 1)] }, 'follow_up')).toBeNull();
    expect(reportRefusal({ reports: [report('initial', 1)] }, 'final')).toBeNull();
    expect(reportRefusal({ reports: [report('initial', 1, 'pending')] }, 'follow_up')).toBe('report 1 is waiting for sign-off; finish it first');
    expect(reportRefusal({ reports: [report('initial', 1, 'returned')] }, 'initial')).toBe('report 1 is returned for changes; finish it first');
    expect(reportRefusal({ reports: [report('initial', 1), report('final', 2, 'sent', 2)] }, 'follow_up')).toMatch(/closed/);
    expect(nextReportKinds({ reports: [report('initial', 1)] })).toEqual(['follow_up', 'final']);
  });
});
