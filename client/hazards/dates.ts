/**
 * A day picked in a date field (`YYYY-MM-DD`, a day in Beijing) as the instant a deadline means: the end of
 * that day in Asia/Shanghai. China keeps no summer time, so the offset is always +08:00.
 */
export const endOfBeijingDay = (day: string): string => new Date(`${day}T23:59:59+08:00`).toISOString();

/** Today in Beijing plus `days`, as a date field's value. */
export function beijingDayFromNow(days: number, now = Date.now()): string {
  return new Date(now + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
