import ical from 'ical-generator';
import { localDutyDate } from '../../shared/duty.ts';
import type { DomainDeps } from '../deps.ts';
import { listDutyShifts } from '../duty/repository.ts';

const DAY_MS = 86_400_000;

/** Local duty days from `from` to `to` days around now. */
const dutyDays = (now: Date, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => localDutyDate(new Date(now.getTime() + (from + i) * DAY_MS)));

/** 值班表 as iCalendar: every shift from a week back to a month ahead, for the whole bureau or one person. */
export async function rosterCalendar(deps: DomainDeps, person: string | null): Promise<string> {
  const shifts = (await listDutyShifts(deps.store.db, dutyDays(deps.store.clock(), -7, 31))).filter((s) => !person || s.person === person);
  const calendar = ical({
    name: person ? `值班表 · ${person}` : '九江市应急管理局值班表',
    timezone: 'Asia/Shanghai',
    prodId: { company: 'Jiujiang EMB', product: 'OneMap Command' },
  });
  for (const s of shifts)
    calendar.createEvent({
      id: s.id,
      start: new Date(s.startsAt),
      end: new Date(s.endsAt),
      summary: `值班 · ${s.person}（${s.role}）`,
      description: `电话 ${s.phone}`,
    });
  return calendar.toString();
}
