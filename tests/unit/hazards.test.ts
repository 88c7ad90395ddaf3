import { describe, expect, it } from 'vitest';
import { canMoveHazard, HAZARD_STATUSES, hazardStepRefusal, isHazardOverdue } from '../../shared/hazards.ts';

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
