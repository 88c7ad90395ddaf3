const WHOLE_CITY = 'feed:all';
const DISTRICTS_PREFIX = 'feed:districts:';

/**
 * The room of a live feed. A screen watching several districts gets one room for exactly that set, so its
 * changes arrive as one ordered stream rather than several interleaved ones.
 */
export function feedRoom(districts: readonly string[]): string {
  return districts.length === 0 ? WHOLE_CITY : DISTRICTS_PREFIX + [...new Set(districts)].sort().join(',');
}

/** The districts a district-feed room carries, or null for any other room. */
export function districtsOfRoom(room: string): string[] | null {
  return room.startsWith(DISTRICTS_PREFIX) ? room.slice(DISTRICTS_PREFIX.length).split(',') : null;
}

export const wholeCityRoom = WHOLE_CITY;

/** Every connection of one signed-in session, so signing out closes them all. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
