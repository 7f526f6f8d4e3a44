import { DateTime } from 'luxon';
import { isDateOnly } from '../time.js';

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NTH = ['first', 'second', 'third', 'fourth', 'fifth'];
const DAY_MS = 24 * 60 * 60_000;

/**
 * How a recurring series repeats, in words, read from the dates of its occurrences in `zone` (the
 * reader's): "every Monday", "every other Thursday", "every weekday", "every day", "every month on the
 * 5th", "every month on the first Tuesday", "every Monday and Wednesday". The importer keeps a series as
 * its expanded occurrences (whatever RRULE, RDATE and EXDATE made them, and from any format), so the
 * dates are what is read. Undefined when fewer than three dates or no regular pattern.
 */
export function describeRecurrence(starts: string[], zone: string): string | undefined {
  const days = [...new Set(starts.map((s) => localDay(s, zone).toISODate()))]
    .filter((d): d is string => d !== null)
    .sort()
    .map((d) => DateTime.fromISO(d, { zone: 'UTC' }));
  if (days.length < 3) return undefined;
  const gaps = days.slice(1).map((d, i) => Math.round((d.toMillis() - days[i].toMillis()) / DAY_MS));
  const step = gaps.reduce(gcd);
  const weekdays = new Set(days.map((d) => d.weekday));
  // Gaps of four weeks or more may be a monthly rule (the first Tuesday is 28 or 35 days on).
  const monthly = Math.min(...gaps) >= 28 ? monthlyRule(days) : undefined;
  if (monthly) return monthly;
  if (weekdays.size === 1 && step % 7 === 0) {
    const day = WEEKDAY_NAMES[days[0].weekday - 1];
    const weeks = step / 7;
    return weeks === 1
      ? `every ${day}`
      : weeks === 2
        ? `every other ${day}`
        : `every ${weeks} weeks on ${day}`;
  }
  if (step === 1 && gaps.every((g) => g === 1)) return 'every day';
  if ([...weekdays].every((w) => w <= 5) && weekdays.size === 5 && gaps.every((g) => g === 1 || g === 3))
    return 'every weekday';
  if (weekdays.size > 1 && weekdays.size < 5 && everyWeek(days)) {
    const names = [...weekdays].sort().map((w) => WEEKDAY_NAMES[w - 1]);
    return `every ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return undefined;
}

/** "next 7 Dec" (with the year when it is not the current one in `zone`): an occurrence's day, as read there. */
export function nextLabel(start: string, zone: string, nowMs: number): string {
  const day = localDay(start, zone);
  const sameYear = day.year === DateTime.fromMillis(nowMs, { zone }).year;
  return `next ${day.toFormat(sameYear ? 'd LLL' : 'd LLL yyyy', { locale: 'en-GB' })}`;
}

/** The calendar day an occurrence falls on for the reader: a date-only one is that date wherever they are. */
function localDay(start: string, zone: string): DateTime {
  if (isDateOnly(start)) return DateTime.fromISO(start.slice(0, 10), { zone });
  return DateTime.fromISO(start, { setZone: true }).setZone(zone).startOf('day');
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Monthly on one day of the month, or on the n-th weekday of it. */
function monthlyRule(days: DateTime[]): string | undefined {
  const months = days.map((d) => d.year * 12 + d.month);
  if (new Set(months).size !== months.length) return undefined;
  const every = months
    .slice(1)
    .map((m, i) => m - months[i])
    .reduce(gcd);
  const span = every === 1 ? 'every month' : `every ${every} months`;
  if (new Set(days.map((d) => d.day)).size === 1) return `${span} on the ${ordinal(days[0].day)}`;
  const nth = new Set(days.map((d) => `${Math.ceil(d.day / 7)}:${d.weekday}`));
  if (nth.size === 1 && days[0].day <= 28)
    return `${span} on the ${NTH[Math.ceil(days[0].day / 7) - 1]} ${WEEKDAY_NAMES[days[0].weekday - 1]}`;
  return undefined;
}

/** True when every day but those of the last week comes back a week later: a weekly rule on several days. */
function everyWeek(days: DateTime[]): boolean {
  const set = new Set(days.map((d) => d.toMillis()));
  const last = days[days.length - 1].toMillis();
  const gaps = days.slice(1).every((d, i) => d.toMillis() - days[i].toMillis() < 7 * DAY_MS);
  return gaps && days.every((d) => d.toMillis() + 7 * DAY_MS > last || set.has(d.toMillis() + 7 * DAY_MS));
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}
