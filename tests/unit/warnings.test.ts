import { describe, expect, it } from 'vitest';
import { areaShapes, fireDangerByDistrict, type Warning } from '../../shared/warnings.ts';

const NOW = new Date('2026-11-23T08:00:00.000Z');
const warning = (over: Partial<Warning>): Warning => ({
  id: 'w1',
  identifier: 'x',
  sender: 's',
  sent: '2026-11-23T00:00:00.000Z',
  capStatus: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  status: 'active',
  supersededBy: null,
  references: [],
  category: ['Fire'],
  event: '森林火险橙色预警',
  urgency: 'Expected',
  severity: 'Severe',
  certainty: 'Likely',
  senderName: '气象台',
  texts: [],
  areas: [{ description: '', polygons: [], circles: [], districts: ['360423', '360424'] }],
  expires: null,
  importedAt: '2026-11-23T00:00:00.000Z',
  demo: false,
  ...over,
});

describe('forest fire danger by district', () => {
  it('takes the most severe fire danger warning in force over each district', () => {
    const danger = fireDangerByDistrict(
      [
        warning({ id: 'a' }),
        warning({ id: 'b', severity: 'Extreme', event: '森林火险红色预警', areas: [{ description: '', polygons: [], circles: [], districts: ['360424'] }] }),
        warning({ id: 'c', severity: 'Moderate', areas: [{ description: '', polygons: [], circles: [], districts: ['360423', '360483'] }] }),
      ],
      NOW,
    );
    expect(Object.fromEntries(danger)).toEqual({ '360423': 'Severe', '360424': 'Extreme', '360483': 'Moderate' });
  });

  it('leaves out other events, cancelled, superseded and expired warnings', () => {
    const danger = fireDangerByDistrict(
      [
        warning({ id: 'a', event: '暴雨蓝色预警' }),
        warning({ id: 'b', status: 'cancelled' }),
        warning({ id: 'c', supersededBy: 'd' }),
        warning({ id: 'e', expires: '2026-11-23T07:59:59.000Z' }),
      ],
      NOW,
    );
    expect(danger.size).toBe(0);
  });
});

describe('warning area shapes', () => {
  const outline = (code: string) =>
    code === '360423'
      ? [
          [
            [
              [115, 29],
              [115.1, 29],
              [115.1, 29.1],
              [115, 29],
            ],
          ],
        ]
      : [];
  it('draws polygons and circles as given, and districts named by code as their outlines', () => {
    expect(
      areaShapes(
        {
          description: '',
          polygons: [
            [
              [1, 2],
              [3, 4],
              [5, 6],
              [1, 2],
            ],
          ],
          circles: [],
          districts: ['360423'],
        },
        outline,
      ),
    ).toEqual([
      [
        [
          [1, 2],
          [3, 4],
          [5, 6],
          [1, 2],
        ],
      ],
    ]);
    const circle = areaShapes({ description: '', polygons: [], circles: [{ lon: 115, lat: 29, radiusKm: 5 }], districts: [] }, outline);
    expect(circle).toHaveLength(1);
    expect(circle[0]![0]!.length).toBeGreaterThan(10);
    expect(areaShapes({ description: '', polygons: [], circles: [], districts: ['360423', '360402'] }, outline)).toEqual(outline('360423')); // 360402 has no outline here
  });
});
