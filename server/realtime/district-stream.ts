import { type Change, changeDistrict } from '../../shared/changes.ts';

/**
 * The changes a district screen receives: those in its districts and those belonging to no district (the
 * roster), each stamped with the seq of the one before it on this stream so the screen can tell filtered-out
 * changes from lost ones. No districts: the whole city. `watching` (a wall, an observer): without the
 * notifications, which name who was called and their phones.
 */
export function districtStream(changes: readonly Change[], districts: readonly string[], prevSeq: number, watching = false): Change[] {
  const wanted = new Set(districts);
  const out: Change[] = [];
  let previous = prevSeq;
  for (const change of changes) {
    const district = changeDistrict(change);
    if (wanted.size > 0 && district !== undefined && !wanted.has(district)) continue;
    if (watching && change.entity === 'notification') continue;
    out.push({ ...change, prevSeq: previous });
    previous = change.seq;
  }
  return out;
}
