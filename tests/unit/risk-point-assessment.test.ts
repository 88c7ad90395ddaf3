import { describe, expect, it } from 'vitest';
import {
  LEC_TABLES,
  lecLevel,
  lecScore,
  MATRIX_TABLES,
  matrixLevel,
  nextStages,
  proposeLevel,
  RISK_STAGES,
  riskAssessmentCreateSchema,
  stageOf,
} from '../../shared/risk-assessment.ts';

describe('LEC (作业条件危险性评价法), D = L × E × C', () => {
  it('holds the standard tables, and nothing else', () => {
    expect(LEC_TABLES.l.map((r) => r.value)).toEqual([10, 6, 3, 1, 0.5, 0.2, 0.1]);
    expect(LEC_TABLES.e.map((r) => r.value)).toEqual([10, 6, 3, 2, 1, 0.5]);
    expect(LEC_TABLES.c.map((r) => r.value)).toEqual([100, 40, 15, 7, 3, 1]);
    expect(LEC_TABLES.l[0]!.zh).toBe('完全可以预料');
    expect(LEC_TABLES.c.at(-1)!.zh).toBe('引人注目，需要救护');
  });

  it('puts each band edge where the method says: D > 320 重大, 160–320 较大, 70–160 一般, < 70 低', () => {
    expect(lecLevel(320.01)).toBe('red');
    expect(lecLevel(320)).toBe('orange');
    expect(lecLevel(160)).toBe('orange');
    expect(lecLevel(159.99)).toBe('yellow');
    expect(lecLevel(70)).toBe('yellow');
    expect(lecLevel(69.99)).toBe('blue');
    expect(lecLevel(0.01)).toBe('blue');
  });

  it('scores table values to two decimals and proposes their level', () => {
    expect(lecScore(0.1, 0.5, 1)).toBe(0.05);
    expect(proposeLevel({ method: 'lec', l: 10, e: 6, c: 7 })).toEqual({ score: 420, level: 'red' });
    expect(proposeLevel({ method: 'lec', l: 6, e: 6, c: 7 })).toEqual({ score: 252, level: 'orange' });
    expect(proposeLevel({ method: 'lec', l: 3, e: 6, c: 7 })).toEqual({ score: 126, level: 'yellow' });
    // the lowest D a point reaches 一般 with: 1 × 10 × 7 = 70, on the edge
    expect(proposeLevel({ method: 'lec', l: 1, e: 10, c: 7 })).toEqual({ score: 70, level: 'yellow' });
    expect(proposeLevel({ method: 'lec', l: 3, e: 3, c: 7 })).toEqual({ score: 63, level: 'blue' });
    expect(proposeLevel({ method: 'lec', l: 10, e: 10, c: 100 })).toEqual({ score: 10000, level: 'red' });
  });

  it('every combination of the tables lands in exactly one band, in order of D', () => {
    const ranked = ['blue', 'yellow', 'orange', 'red'];
    const all = LEC_TABLES.l.flatMap((l) =>
      LEC_TABLES.e.flatMap((e) => LEC_TABLES.c.map((c) => proposeLevel({ method: 'lec', l: l.value, e: e.value, c: c.value }))),
    );
    expect(all).toHaveLength(7 * 6 * 6);
    const sorted = [...all].sort((a, b) => a.score - b.score);
    for (let i = 1; i < sorted.length; i++) expect(ranked.indexOf(sorted[i]!.level)).toBeGreaterThanOrEqual(ranked.indexOf(sorted[i - 1]!.level));
  });
});

describe('风险矩阵, R = likelihood × severity (5 × 5)', () => {
  it('bands R ≥ 20 重大, 15–19 较大, 9–14 一般, < 9 低', () => {
    expect(MATRIX_TABLES.likelihood).toHaveLength(5);
    expect(MATRIX_TABLES.severity).toHaveLength(5);
    expect(matrixLevel(25)).toBe('red');
    expect(matrixLevel(20)).toBe('red');
    expect(matrixLevel(16)).toBe('orange');
    expect(matrixLevel(15)).toBe('orange');
    expect(matrixLevel(12)).toBe('yellow');
    expect(matrixLevel(9)).toBe('yellow');
    expect(matrixLevel(8)).toBe('blue');
    expect(proposeLevel({ method: 'matrix', likelihood: 4, severity: 5 })).toEqual({ score: 20, level: 'red' });
    expect(proposeLevel({ method: 'matrix', likelihood: 3, severity: 3 })).toEqual({ score: 9, level: 'yellow' });
    expect(proposeLevel({ method: 'matrix', likelihood: 2, severity: 4 })).toEqual({ score: 8, level: 'blue' });
  });
});

describe('proposed and confirmed', () => {
  it('takes the proposed level as it is, with no reason', () => {
    const parsed = riskAssessmentCreateSchema.parse({ method: 'lec', l: 3, e: 6, c: 7, confirmedLevel: 'yellow' });
    expect(parsed.reason).toBe('');
  });

  it('takes another level only with a reason', () => {
    const bare = riskAssessmentCreateSchema.safeParse({ method: 'lec', l: 3, e: 6, c: 7, confirmedLevel: 'orange' });
    expect(bare.success).toBe(false);
    expect(bare.error!.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    const blank = riskAssessmentCreateSchema.safeParse({ method: 'lec', l: 3, e: 6, c: 7, confirmedLevel: 'orange', reason: '   ' });
    expect(blank.success).toBe(false);
    const given = riskAssessmentCreateSchema.parse({ method: 'lec', l: 3, e: 6, c: 7, confirmedLevel: 'orange', reason: '紧邻学校，人员密集' });
    expect(given.confirmedLevel).toBe('orange');
  });

  it('refuses factors missing or not in the tables, naming them', () => {
    const missing = riskAssessmentCreateSchema.safeParse({ method: 'lec', confirmedLevel: 'yellow' });
    expect(missing.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['c', 'e', 'l']);
    const off = riskAssessmentCreateSchema.safeParse({ method: 'lec', l: 4, e: 6, c: 7, confirmedLevel: 'yellow' });
    expect(off.error!.issues.map((i) => i.path.join('.'))).toEqual(['l']);
    const matrix = riskAssessmentCreateSchema.safeParse({ method: 'matrix', likelihood: 6, severity: 0, confirmedLevel: 'blue' });
    expect(matrix.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['likelihood', 'severity']);
    const method = riskAssessmentCreateSchema.safeParse({ l: 3, e: 6, c: 7, confirmedLevel: 'yellow' });
    expect(method.error!.issues.map((i) => i.path.join('.'))).toEqual(['method']);
  });
});

describe('the stages 摸底 → 评估 → 建档 → 上网', () => {
  it('go one step at a time, in order, and end online', () => {
    expect(RISK_STAGES).toEqual(['survey', 'assessed', 'filed', 'online']);
    expect(nextStages('survey')).toEqual(['assessed']);
    expect(nextStages('assessed')).toEqual(['filed']);
    expect(nextStages('filed')).toEqual(['online']);
    expect(nextStages('online')).toEqual([]);
  });

  it('a point stands where its last step left it, at 摸底 with none', () => {
    expect(stageOf([])).toBe('survey');
    expect(stageOf([{ stage: 'survey' }, { stage: 'assessed' }, { stage: 'filed' }])).toBe('filed');
  });
});
