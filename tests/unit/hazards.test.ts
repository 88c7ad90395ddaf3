import { describe, expect, it } from 'vitest';
import {
  canMoveHazard,
  countHazards,
  type Hazard,
  hazardAfterStep,
  HAZARD_STATUSES,
  hazardStepRefusal,
  isHazardOverdue,
  newHazard,
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
        const step = { status: to, note: '', notice, fiveElements };
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
