import { describe, expect, it } from 'vitest';
import { type IncidentReport, type ReportKind, reportingState, reportRefusal } from '../../shared/incidents.ts';

const rules = { initialMin: 30, followUpMin: 120 };
const occurredAt = '2026-11-23T06:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(occurredAt) + minutes * 60_000);
const report = (kind: ReportKind, minutes: number): IncidentReport => ({ kind, at: at(minutes).toISOString(), author: 'o', text: '' });

describe('reporting deadlines', () => {
  it('wants the initial report within the time of the incident, then follow-ups after each report', () => {
    expect(reportingState({ occurredAt, reports: [] }, at(29), rules)).toEqual({ due: 'initial', deadline: at(30).toISOString(), overdue: false });
    expect(reportingState({ occurredAt, reports: [] }, at(31), rules).overdue).toBe(true);
    const afterInitial = { occurredAt, reports: [report('initial', 20)] };
    expect(reportingState(afterInitial, at(100), rules)).toEqual({ due: 'follow_up', deadline: at(140).toISOString(), overdue: false });
    expect(reportingState(afterInitial, at(141), rules).overdue).toBe(true);
    expect(reportingState({ occurredAt, reports: [report('initial', 20), report('final', 60)] }, at(9999), rules)).toEqual({
      due: null,
      deadline: null,
      overdue: false,
    });
  });

  it('takes reports in order: the initial first and once, nothing after the final', () => {
    expect(reportRefusal({ reports: [] }, 'initial')).toBeNull();
    expect(reportRefusal({ reports: [] }, 'follow_up')).toMatch(/initial/);
    expect(reportRefusal({ reports: [] }, 'final')).toMatch(/initial/);
    expect(reportRefusal({ reports: [report('initial', 1)] }, 'initial')).toMatch(/already/);
    expect(reportRefusal({ reports: [report('initial', 1)] }, 'follow_up')).toBeNull();
    expect(reportRefusal({ reports: [report('initial', 1)] }, 'final')).toBeNull();
    expect(reportRefusal({ reports: [report('initial', 1), report('final', 2)] }, 'follow_up')).toMatch(/closed/);
  });
});
