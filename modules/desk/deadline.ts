// Deadline clocks: a category's deadline is clock minutes (24 h a day) or working minutes (the utility's
// working week, in its time zone). The instants are computed once and stored with the case; the one
// scheduler compares them with the clock, so a restart changes nothing.
import { localParts, localToInstant } from '../policy/index.ts';

export interface WorkingWeek {
  /** Working days, 0 = Sunday … 6 = Saturday (Gulf default: Sunday to Thursday). */
  days: number[];
  /** Local start and end of the working day, minutes after midnight (default 07:30–14:30). */
  startMinute: number;
  endMinute: number;
}

export const GULF_WORKING_WEEK: WorkingWeek = { days: [0, 1, 2, 3, 4], startMinute: 7 * 60 + 30, endMinute: 14 * 60 + 30 };

export type ClockMode = 'clock' | 'working';

function nextDate(date: string): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** The instant `minutes` of working time after `fromMs` (fractional minutes allowed). */
export function addWorkingMinutes(fromMs: number, minutes: number, tz: string, week: WorkingWeek = GULF_WORKING_WEEK): number {
  if (week.days.length === 0 || week.endMinute <= week.startMinute) throw new Error('the working week has no working time');
  let left = minutes * 60_000;
  let t = fromMs;
  let date = localParts(t, tz).date;
  for (let guard = 0; guard < 10_000; guard++) {
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (week.days.includes(dow)) {
      const open = localToInstant(date, week.startMinute, tz);
      const close = localToInstant(date, week.endMinute, tz);
      const start = Math.max(t, open);
      if (start < close) {
        if (start + left <= close) return start + left;
        left -= close - start;
      }
    }
    date = nextDate(date);
    t = localToInstant(date, 0, tz);
  }
  throw new Error('deadline too far away');
}

/** The clock of a case started at `startMs`: when 80 % is used (escalation) and when it is due (breach). */
export function deadlineOf(startMs: number, minutes: number, mode: ClockMode, tz: string, week: WorkingWeek = GULF_WORKING_WEEK): { warnAt: number; dueAt: number } {
  if (mode === 'clock') return { warnAt: startMs + Math.round(minutes * 0.8 * 60_000), dueAt: startMs + minutes * 60_000 };
  return { warnAt: addWorkingMinutes(startMs, minutes * 0.8, tz, week), dueAt: addWorkingMinutes(startMs, minutes, tz, week) };
}
