import type { TFunction } from 'i18next';
import { type CopyClash, type DutyShift } from '../../shared/duty.ts';
import { formatTime } from '../i18n/format.ts';

/**
 * What a notice says, kept as how to say it rather than the words: a refusal shown before the language switch
 * is said again in the new language (a server's own words stay as they came).
 */
export type Words = (t: TFunction, language: string) => string;

/** A local day (`YYYY-MM-DD`, already Beijing's) as the plan heads its column: 12月1日 周二 / Tue 12/01. */
export function dayLabel(date: string, language: string): string {
  // the date is a local day already: formatting it at UTC midnight in UTC keeps it that day
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', month: 'numeric', day: 'numeric', weekday: 'short' }).format(new Date(`${date}T00:00:00Z`));
}

/** Hours and minutes in Beijing time. */
export const hoursOf = (iso: string, language: string) => formatTime(iso, language).slice(0, 5);

/** The refusal of a clash, naming the other shift in the screen's words. */
export function clashWords(t: TFunction, language: string, clash: Pick<DutyShift, 'person' | 'date' | 'startsAt' | 'endsAt' | 'role'>): string {
  return t('dutyWeek.conflict', {
    person: clash.person,
    day: dayLabel(clash.date, language),
    start: hoursOf(clash.startsAt, language),
    end: hoursOf(clash.endsAt, language),
    post: t(`role.${clash.role}`),
  });
}

/** Why a copy of last week was refused: every copy that would clash, each naming the shift it meets. */
export function copyClashWords(t: TFunction, language: string, clashes: readonly CopyClash[]): string {
  const list = clashes.map((c) => clashWords(t, language, { ...c.clash, person: c.copy.person })).join(t('refusal.separator'));
  return t('dutyWeek.copyClash', { count: clashes.length, list });
}
