import { describe, expect, it } from 'vitest';
import { groundRectangle } from '../../shared/geo.ts';

/** Great-circle distance in km. */
function km([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

describe('the ground a satellite pixel covers', () => {
  it('is a closed rectangle of the given size around the detection', () => {
    const ring = groundRectangle(115.1, 29.2, 0.75, 0.5);
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    expect(km(ring[0]!, ring[1]!)).toBeCloseTo(0.75, 2); // east–west: scan
    expect(km(ring[1]!, ring[2]!)).toBeCloseTo(0.5, 2); // north–south: track
    const centre = [(ring[0]![0] + ring[2]![0]) / 2, (ring[0]![1] + ring[2]![1]) / 2];
    expect(centre[0]).toBeCloseTo(115.1, 9);
    expect(centre[1]).toBeCloseTo(29.2, 9);
  });
});
