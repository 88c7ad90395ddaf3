const WHOLE_CITY = 'feed:all';
const DISTRICTS_PREFIX = 'feed:districts:';
const WATCHING_PREFIX = 'watching:';

/**
 * The room of a live feed. A screen watching several districts gets one room for exactly that set, so its
 * changes arrive as one ordered stream rather than several interleaved ones.
 */
export function feedRoom(districts: readonly string[], watching = false): string {
  const room = districts.length === 0 ? WHOLE_CITY : DISTRICTS_PREFIX + [...new Set(districts)].sort().join(',');
  // a screen that only watches (a wall, an observer) gets its own room: its stream leaves out what it may not see
  return watching ? WATCHING_PREFIX + room : room;
}

/** What a filtered feed room carries: its districts (empty for the whole city) and whether it only watches; null for the unfiltered whole-city room and any other room. */
export function filterOfRoom(room: string): { districts: string[]; watching: boolean } | null {
  const watching = room.startsWith(WATCHING_PREFIX);
  const feed = watching ? room.slice(WATCHING_PREFIX.length) : room;
  if (feed.startsWith(DISTRICTS_PREFIX)) return { districts: feed.slice(DISTRICTS_PREFIX.length).split(','), watching };
  return watching && feed === WHOLE_CITY ? { districts: [], watching } : null;
}

export const wholeCityRoom = WHOLE_CITY;

/** Every connection of one signed-in session, so signing out closes them all. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
