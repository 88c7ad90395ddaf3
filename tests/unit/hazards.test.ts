import { describe, expect, it } from 'vitest';
import { demoFaker, generateRiskPoints } from '../../server/demo/generate.ts';
import { demoTipOffRows, generateHazards } from '../../server/demo/hazards.ts';
import { DistrictLocator } from '../../server/geo/district-locator.ts';
import { ROLES } from '../../shared/auth.ts';
import {
  canMoveHazard,
  countHazards,
  type Hazard,
  hazardAfterStep,
  hazardRoleRefusal,
  HAZARD_STATUSES,
  hazardStepRefusal,
  isHazardOverdue,
  isReplyOverdue,
  newHazard,
  photoTypeOf,
  referenceNumber,
  TIP_OFF_REFERENCE,
  tipOffReference,
  tipOffReplyDue,
  tipOffSchema,
  tipOffStatusOf,
  tipOffTitle,
} from '../../shared/hazards.ts';

const LEGAL = new Set([
  'reported>found',
  'reported>dismissed',
  'found>notice',
  'notice>rectifying',
  'rectifying>submitted',
  'submitted>reinspection',
  'reinspection>closed',
  'reinspection>rectifying',
]);

const notice = { responsiblePerson: '李四', measures: '更换泄漏阀门', deadline: '2026-11-30T00:00:00.000Z' };
const fiveElements = {
  responsibility: '企业主要负责人',
  measures: '停产整改',
  funds: '20万元',
  deadline: '2026-12-31T00:00:00.000Z',
  contingencyPlan: '泄漏应急预案',
};

describe('hazard closed loop', () => {
  for (const from of HAZARD_STATUSES)
    for (const to of HAZARD_STATUSES) {
      const legal = LEGAL.has(`${from}>${to}`);
      it(`${from} → ${to} is ${legal ? 'allowed' : 'refused'}`, () => {
        expect(canMoveHazard(from, to)).toBe(legal);
        const step = { status: to, note: '理由', notice, fiveElements };
        expect(hazardStepRefusal({ status: from, grade: 'major', notice, fiveElements }, step) === null).toBe(legal);
      });
    }

  it('needs the notice content to issue a notice', () => {
    expect(hazardStepRefusal({ status: 'found', grade: 'general', notice: null, fiveElements: null }, { status: 'notice', note: '' })).toMatch(
      /responsible person/,
    );
    expect(hazardStepRefusal({ status: 'found', grade: 'general', notice: null, fiveElements: null }, { status: 'notice', note: '', notice })).toBeNull();
  });

  it('keeps a major hazard at "notice" until the five elements are in place', () => {
    const major = { status: 'notice' as const, grade: 'major' as const, notice, fiveElements: null };
    expect(hazardStepRefusal(major, { status: 'rectifying', note: '' })).toMatch(/five elements/);
    expect(hazardStepRefusal(major, { status: 'rectifying', note: '', fiveElements })).toBeNull();
    expect(hazardStepRefusal({ ...major, grade: 'general' }, { status: 'rectifying', note: '' })).toBeNull();
  });

  it('is overdue past the notice deadline until accepted', () => {
    const after = new Date('2026-12-01T00:00:00.000Z');
    expect(isHazardOverdue({ status: 'rectifying', notice }, after)).toBe(true);
    expect(isHazardOverdue({ status: 'rectifying', notice }, new Date('2026-11-29T00:00:00.000Z'))).toBe(false);
    expect(isHazardOverdue({ status: 'closed', notice }, after)).toBe(false);
    expect(isHazardOverdue({ status: 'found', notice: null }, after)).toBe(false);
  });
});

describe('hazard figures', () => {
  const before = new Date('2026-11-29T00:00:00.000Z');
  const after = new Date('2026-12-01T00:00:00.000Z');
  const h = (status: Hazard['status'], withNotice = true) => ({ status, notice: withNotice ? notice : null });

  it('counts every status that is neither closed nor dismissed as open', () => {
    const all = HAZARD_STATUSES.map((status) => h(status, false));
    expect(countHazards(all, after)).toEqual({ open: HAZARD_STATUSES.length - 2, overdue: 0 });
  });

  it('counts as overdue the open ones past their notice deadline, by the ledger rule, at the moment asked', () => {
    const ledger = [h('rectifying'), h('submitted'), h('notice'), h('closed'), h('dismissed'), h('found', false), h('reported', false)];
    expect(countHazards(ledger, before)).toEqual({ open: 5, overdue: 0 });
    expect(countHazards(ledger, after)).toEqual({ open: 5, overdue: 3 });
    // the same words as the ledger's filters: a count is the number of rows they keep
    expect(countHazards(ledger, after).overdue).toBe(ledger.filter((x) => isHazardOverdue(x, after)).length);
  });

  it('counts nothing in an empty ledger, and takes any iterable (a live map’s values)', () => {
    expect(countHazards([], after)).toEqual({ open: 0, overdue: 0 });
    expect(countHazards(new Map([['a', h('rectifying')]]).values(), after)).toEqual({ open: 1, overdue: 1 });
  });

  it('builds the next step with its notice, five elements and history entry, leaving the rest', () => {
    const found = newHazard(
      { riskPointId: 'rp-1', district: '360429', title: '储罐阀门渗漏', description: '', grade: 'major', source: 'inspector' },
      { id: 'hz-1', status: 'found', foundAt: '2026-11-20T00:00:00.000Z', at: '2026-11-20T00:00:00.000Z', actor: 'a', note: '', demo: false },
    );
    const noticed = hazardAfterStep(found, { status: 'notice', note: '限期整改', notice }, '2026-11-21T00:00:00.000Z', 'b');
    expect(noticed).toMatchObject({ status: 'notice', notice, fiveElements: null, updatedAt: '2026-11-21T00:00:00.000Z', riskPointId: 'rp-1' });
    expect(noticed.history.at(-1)).toEqual({ status: 'notice', at: '2026-11-21T00:00:00.000Z', actor: 'b', note: '限期整改' });
    const rectifying = hazardAfterStep(noticed, { status: 'rectifying', note: '', fiveElements }, '2026-11-22T00:00:00.000Z', 'b');
    expect(rectifying).toMatchObject({ notice, fiveElements });
    expect(found.history).toHaveLength(1); // the hazard before the step is left as it was
  });
});

describe('who takes which step', () => {
  it('leaves 销号 to the leader on duty or an administrator; every other step to whoever operates', () => {
    for (const role of ROLES) {
      const mayClose = role === 'leader' || role === 'admin';
      expect(hazardRoleRefusal(role, 'closed') === null, role).toBe(mayClose);
      for (const to of HAZARD_STATUSES.filter((s) => s !== 'closed')) expect(hazardRoleRefusal(role, to)).toBeNull();
    }
    expect(hazardRoleRefusal('officer', 'closed')).toMatch(/leader on duty/);
    expect(hazardRoleRefusal('system', 'closed')).toBeNull(); // the demo city closes its own
  });

  it('asks the reason of a dismissal, and the grade only when a tip-off is accepted', () => {
    const reported = { status: 'reported' as const, grade: 'general' as const, notice: null, fiveElements: null };
    expect(hazardStepRefusal(reported, { status: 'dismissed', note: '  ' })).toMatch(/reason/);
    expect(hazardStepRefusal(reported, { status: 'dismissed', note: '不属于安全生产隐患' })).toBeNull();
    expect(hazardStepRefusal(reported, { status: 'found', note: '', grade: 'major' })).toBeNull();
    expect(hazardStepRefusal({ ...reported, status: 'found' }, { status: 'notice', note: '', notice, grade: 'major' })).toMatch(/grade/);
  });
});

describe('tip-offs', () => {
  it('are answered within ten days of receipt, overdue only when unanswered past them', () => {
    const received = '2026-12-01T16:30:00.000Z'; // 2 Dec 00:30 in Beijing
    expect(tipOffReplyDue(received)).toBe('2026-12-11T16:30:00.000Z');
    const open = { replyDueAt: tipOffReplyDue(received), reply: null };
    expect(isReplyOverdue(open, new Date('2026-12-11T16:29:00.000Z'))).toBe(false);
    expect(isReplyOverdue(open, new Date('2026-12-11T16:31:00.000Z'))).toBe(true);
    const answered = { ...open, reply: { text: '已转属地核查', channel: 'phone' as const, at: '2026-12-03T01:00:00.000Z', by: 'o' } };
    expect(isReplyOverdue(answered, new Date('2027-01-01T00:00:00.000Z'))).toBe(false);
  });

  it('are numbered by the Beijing day of receipt, not the UTC one, with check letters, and read back', () => {
    const random = Uint8Array.of(0, 9, 31, 32);
    expect(tipOffReference('2026-12-01T16:30:00.000Z', 42, random)).toBe('JB-20261202-0042-AK9A');
    expect(tipOffReference('2026-12-01T15:59:59.000Z', 1, random)).toBe('JB-20261201-0001-AK9A');
    expect(tipOffReference('2026-12-02T03:00:00.000Z', 12345, random)).toBe('JB-20261202-12345-AK9A');
    expect(referenceNumber('JB-20261202-0042-K7QX')).toBe(42);
    expect(referenceNumber('hz-0042')).toBe(0);
    expect(TIP_OFF_REFERENCE.test('JB-20261202-0042-K7QX')).toBe(true);
    // without its check letters a reference is not one: the next citizen's case is not a guess away
    expect(TIP_OFF_REFERENCE.test('JB-20261202-0042')).toBe(false);
    expect(TIP_OFF_REFERENCE.test('JB-2026122-0042-K7QX')).toBe(false);
    expect(TIP_OFF_REFERENCE.test('JB-20261202-0042-K7Q0')).toBe(false); // no 0/O, 1/I to misread
  });

  it('take a photo only when its first bytes say JPEG, PNG or WebP, whatever its name', () => {
    expect(photoTypeOf(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(photoTypeOf(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(photoTypeOf(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(photoTypeOf(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(photoTypeOf(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(photoTypeOf(new Uint8Array(0))).toBeNull();
  });

  it('need a district or a whole place, and go by their first words when untitled', () => {
    expect(tipOffSchema.safeParse({ description: '路边有人倾倒化工废液' }).success).toBe(false);
    expect(tipOffSchema.safeParse({ description: '路边有人倾倒化工废液', lon: 116.2 }).success).toBe(false);
    const byPlace = tipOffSchema.parse({ description: '路边有人倾倒化工废液', lon: 116.2, lat: 29.7 });
    expect(byPlace).toMatchObject({ category: 'other', title: '', contact: '' });
    expect(tipOffSchema.safeParse({ description: 'x', district: '360402', photo: 'not base64!' }).success).toBe(false);
    expect(tipOffTitle('', '路边有人倾倒化工废液\n下午三点')).toBe('路边有人倾倒化工废液');
    expect(tipOffTitle('', '长'.repeat(50))).toBe(`${'长'.repeat(40)}…`);
    expect(tipOffTitle('废液倾倒', '…')).toBe('废液倾倒');
  });
});

describe("the demo city's tip-offs", () => {
  const NOW = new Date('2026-11-23T02:00:00.000Z');
  const faker = demoFaker(7);
  const points = generateRiskPoints(faker, DistrictLocator.load(), 600, NOW.toISOString());
  const hazards = generateHazards(faker, points, NOW, 'demo-feed');
  const tipOffs = hazards.filter((h) => h.source === 'public_tip_off');

  it('show the citizen only the stage and the reply, never the contact or the notes', () => {
    const status = tipOffStatusOf(tipOffs[0]!)!;
    expect(status.reference).toBe(tipOffs[0]!.tipOff!.reference);
    expect(JSON.stringify(status)).not.toMatch(/contact|history|note/);
    expect(tipOffStatusOf({ ...tipOffs[0]!, tipOff: null })).toBeNull();
  });

  it('are numbered as the line numbers them: by the Beijing day received, from 0001, each once', () => {
    expect(tipOffs.length).toBeGreaterThan(5);
    expect(tipOffs.every((h) => h.tipOff && TIP_OFF_REFERENCE.test(h.tipOff.reference))).toBe(true);
    expect(new Set(tipOffs.map((h) => h.tipOff!.reference)).size).toBe(tipOffs.length);
    for (const h of tipOffs) expect(h.tipOff!.reference.slice(0, 12)).toBe(tipOffReference(h.foundAt, 1, new Uint8Array(4)).slice(0, 12));
    const byDay = new Map<string, number[]>();
    for (const h of tipOffs)
      byDay.set(h.tipOff!.reference.slice(0, 12), [...(byDay.get(h.tipOff!.reference.slice(0, 12)) ?? []), referenceNumber(h.tipOff!.reference)]);
    for (const numbers of byDay.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
  });

  it('are answered within their ten days — but one, left overdue — and carry their contacts apart', () => {
    const replied = tipOffs.filter((h) => h.tipOff!.reply);
    expect(replied.length).toBeGreaterThan(0);
    for (const h of replied) {
      expect(h.tipOff!.reply!.at > h.foundAt && h.tipOff!.reply!.at < h.tipOff!.replyDueAt).toBe(true);
      expect(h.tipOff!.reply!.at < NOW.toISOString()).toBe(true);
    }
    expect(tipOffs.filter((h) => isReplyOverdue(h.tipOff!, NOW))).toHaveLength(1);
    const rows = demoTipOffRows(hazards);
    expect(rows.map((r) => r.reference).sort()).toEqual(tipOffs.map((h) => h.tipOff!.reference).sort());
    expect(rows.every((r) => /^1\d{10}$/.test(r.contact))).toBe(true);
    // the contacts are in the rows only, never in the hazards that go to every screen
    expect(JSON.stringify(hazards)).not.toContain(rows[0]!.contact);
  });
});
