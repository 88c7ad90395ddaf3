import { describe, expect, it } from 'vitest';
import { ChunkedMap } from '../../shared/chunked-map.ts';

const numbered = (n: number) => ChunkedMap.from(Array.from({ length: n }, (_, i) => [`id-${i}`, { n: i }] as const));

describe('a map copied one chunk at a time', () => {
  it('reads like a Map', () => {
    const map = numbered(1000);
    expect(map.size).toBe(1000);
    expect(map.get('id-17')).toEqual({ n: 17 });
    expect(map.has('id-1000')).toBe(false);
    expect([...map.keys()].sort()).toEqual(Array.from({ length: 1000 }, (_, i) => `id-${i}`).sort());
    expect(new Map(map)).toEqual(new Map(map.entries()));
  });

  it('edits in order into a new version and leaves the old one as it was', () => {
    const before = numbered(1000);
    const replaced = { n: -1 };
    const after = before.edit([
      ['id-1', replaced],
      ['id-2', undefined],
      ['new', { n: 5000 }],
      ['new', undefined],
      ['newer', { n: 6000 }],
      ['missing', undefined],
    ]);
    expect(after.size).toBe(1000); // −id-2 +newer
    expect(after.get('id-1')).toBe(replaced);
    expect(after.has('id-2')).toBe(false);
    expect(after.has('new')).toBe(false);
    expect(before.get('id-1')).toEqual({ n: 1 });
    expect(before.size).toBe(1000);
    expect(before.edit([])).toBe(before);
  });

  it('tells what changed since an earlier version, including removals', () => {
    const before = numbered(5000);
    const replaced = { n: -3 };
    const after = before.edit([
      ['id-3', replaced],
      ['id-4', undefined],
      ['fresh', { n: 1 }],
    ]);
    const diff = after.diffSince(before);
    expect(new Map(diff.changed)).toEqual(
      new Map<string, unknown>([
        ['id-3', replaced],
        ['fresh', { n: 1 }],
      ]),
    );
    expect(diff.removed).toEqual(['id-4']);
    expect(before.diffSince(before)).toEqual({ changed: [], removed: [] });
  });

  it('folds chunk by chunk, counting again only the chunks a later version changed', () => {
    const before = ChunkedMap.from<{ n: number }>(Array.from({ length: 10_000 }, (_, i) => [`id-${i}`, { n: 1 }] as const));
    const memo = new WeakMap<object, number>();
    let folded = 0;
    const total = (map: ChunkedMap<{ n: number }>) =>
      map.foldChunks(
        memo,
        (values) => {
          let sum = 0;
          for (const v of values) {
            sum += v.n;
            folded++;
          }
          return sum;
        },
        (parts) => parts.reduce((a, b) => a + b, 0),
      );
    expect(total(before)).toBe(10_000);
    expect(folded).toBe(10_000);
    const after = before.edit([
      ['id-5', { n: 3 }],
      ['id-6', undefined],
    ]);
    folded = 0;
    expect(total(after)).toBe(10_001);
    expect(folded).toBeLessThan(500); // the one or two chunks those ids are in
    expect(total(before)).toBe(10_000);
  });
});
