/** Enough chunks that one holds a few hundred of 100,000 records, few enough to walk them all cheaply. */
const CHUNKS = 256;

/** FNV-1a: spreads ids (uuids, sequential numbers alike) evenly over the chunks. */
function chunkOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % CHUNKS;
}

/** One step of an edit: a value to set, or `undefined` to delete the key. */
export type MapEdit<V> = readonly [key: string, value: V | undefined];

export interface MapDiff<V> {
  /** Entries added or replaced (by identity). */
  changed: [string, V][];
  removed: string[];
}

/**
 * An immutable map that copies on write one chunk at a time. Replacing a record in a picture of 100,000
 * copies the few hundred entries of its chunk rather than the whole map, so a screen can fold in changes
 * several times a second; and two versions share their untouched chunks, so what changed between them is
 * found without walking everything. Reads are those of a ReadonlyMap.
 */
export class ChunkedMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    private readonly chunks: readonly ReadonlyMap<string, V>[],
    readonly size: number,
  ) {}

  static from<V>(entries: Iterable<readonly [string, V]>): ChunkedMap<V> {
    const chunks = Array.from({ length: CHUNKS }, () => new Map<string, V>());
    for (const [key, value] of entries) chunks[chunkOf(key)]!.set(key, value);
    return new ChunkedMap(
      chunks,
      chunks.reduce((n, c) => n + c.size, 0),
    );
  }

  static empty<V>(): ChunkedMap<V> {
    return ChunkedMap.from<V>([]);
  }

  get(key: string): V | undefined {
    return this.chunks[chunkOf(key)]!.get(key);
  }

  has(key: string): boolean {
    return this.chunks[chunkOf(key)]!.has(key);
  }

  /** A new version with the edits applied in order; this one is unchanged, and shares its untouched chunks. */
  edit(edits: Iterable<MapEdit<V>>): ChunkedMap<V> {
    const copies = new Map<number, Map<string, V>>();
    let size = this.size;
    for (const [key, value] of edits) {
      const index = chunkOf(key);
      let chunk = copies.get(index);
      if (!chunk) copies.set(index, (chunk = new Map(this.chunks[index])));
      const had = chunk.has(key);
      if (value === undefined) {
        if (had) size--;
        chunk.delete(key);
      } else {
        if (!had) size++;
        chunk.set(key, value);
      }
    }
    if (copies.size === 0) return this;
    const chunks = [...this.chunks];
    for (const [index, chunk] of copies) chunks[index] = chunk;
    return new ChunkedMap(chunks, size);
  }

  /** What differs from an earlier version, looking only into the chunks the two do not share. */
  diffSince(earlier: ChunkedMap<V>): MapDiff<V> {
    const diff: MapDiff<V> = { changed: [], removed: [] };
    for (let i = 0; i < CHUNKS; i++) {
      const now = this.chunks[i]!;
      const before = earlier.chunks[i]!;
      if (now === before) continue;
      for (const [key, value] of now) if (before.get(key) !== value) diff.changed.push([key, value]);
      for (const key of before.keys()) if (!now.has(key)) diff.removed.push(key);
    }
    return diff;
  }

  /**
   * Folds each chunk into a part and combines the parts. Parts are remembered by chunk in `memo`, and
   * versions share their untouched chunks: after one change in 100,000 records a fold counts only the few
   * hundred of the chunk it touched again.
   */
  foldChunks<S>(memo: WeakMap<object, S>, fold: (values: Iterable<V>) => S, combine: (parts: S[]) => S): S {
    return combine(
      this.chunks.map((chunk) => {
        let part = memo.get(chunk);
        if (part === undefined) memo.set(chunk, (part = fold(chunk.values())));
        return part;
      }),
    );
  }

  *entries(): MapIterator<[string, V]> {
    for (const chunk of this.chunks) yield* chunk.entries();
  }

  *keys(): MapIterator<string> {
    for (const chunk of this.chunks) yield* chunk.keys();
  }

  *values(): MapIterator<V> {
    for (const chunk of this.chunks) yield* chunk.values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const chunk of this.chunks) for (const [key, value] of chunk) callback.call(thisArg, value, key, this);
  }
}
