import { DateTime } from 'luxon';
import type { DateRange } from './date-phrases.js';
import { extractDateRange } from './date-phrases.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const UNITS: Record<string, 'days' | 'weeks' | 'months'> = {
  day: 'days',
  days: 'days',
  week: 'weeks',
  weeks: 'weeks',
  month: 'months',
  months: 'months',
};

/** "next 2 weeks", "coming 30 days", "the next 3 months". */
const NEXT_N = /\b(?:the\s+)?(?:next|coming|upcoming)\s+(\d{1,3})\s+(days?|weeks?|months?)\b/i;
/** "this weekend", "next weekend". */
const WEEKEND = /\b(this|next|the)\s+weekend\b|\bweekend\b/i;
/** "next tuesday", "on friday", "tuesday". */
const WEEKDAY = new RegExp(`\\b(?:(next|this|on|coming)\\s+)?(${WEEKDAYS.join('|')})\\b`, 'i');
/** "this month" is what is left of it. */
const THIS_MONTH = /\bthis\s+month\b/i;
const TONIGHT = /\btonight\b/i;

/**
 * The time range of an `/event upcoming` request, read in the asker's zone, and the words left for a
 * topic, type or place ("upcoming mediation next 2 weeks"). Ranges: next N days/weeks/months, this or
 * next weekend, a weekday, today, tonight, tomorrow, this/next week or month, a month name (the current
 * month counts, from now), a date. Every range starts no earlier than now.
 */
export function extractUpcomingRange(
  text: string,
  now: Date,
  zone: string,
): { range?: DateRange; rest: string } {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const cut = (m: RegExpExecArray) =>
    `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();
  const span = (from: DateTime, to: DateTime, label: string): DateRange => ({
    fromMs: Math.max(from.toMillis(), now.getTime()),
    toMs: to.toMillis(),
    label,
  });

  const nextN = NEXT_N.exec(text);
  if (nextN) {
    const n = Number(nextN[1]);
    const unit = UNITS[nextN[2].toLowerCase()];
    const label = `the next ${n} ${n === 1 ? unit.slice(0, -1) : unit}`;
    return { range: span(today, today.plus({ [unit]: n }), label), rest: cut(nextN) };
  }
  const weekend = WEEKEND.exec(text);
  if (weekend) {
    // Saturday 00:00 to Monday 00:00; on a Sunday "this weekend" is today.
    const saturday = today.weekday === 7 ? today.minus({ days: 1 }) : today.plus({ days: 6 - today.weekday });
    const start = weekend[1]?.toLowerCase() === 'next' ? saturday.plus({ weeks: 1 }) : saturday;
    return {
      range: span(
        start,
        start.plus({ days: 2 }),
        `${weekend[1]?.toLowerCase() === 'next' ? 'next' : 'this'} weekend`,
      ),
      rest: cut(weekend),
    };
  }
  const tonight = TONIGHT.exec(text);
  if (tonight) return { range: span(today, today.plus({ days: 1 }), 'tonight'), rest: cut(tonight) };
  const thisMonth = THIS_MONTH.exec(text);
  if (thisMonth)
    return {
      range: span(today, today.startOf('month').plus({ months: 1 }), 'this month'),
      rest: cut(thisMonth),
    };
  const weekday = WEEKDAY.exec(text);
  if (weekday) {
    const target = WEEKDAYS.indexOf(weekday[2].toLowerCase()) + 1;
    let ahead = (target - today.weekday + 7) % 7;
    // "next tuesday" on a Tuesday is a week away; a bare "tuesday" on a Tuesday is today.
    if (ahead === 0 && weekday[1]?.toLowerCase() === 'next') ahead = 7;
    const day = today.plus({ days: ahead });
    return { range: span(day, day.plus({ days: 1 }), day.toFormat('cccc d LLLL')), rest: cut(weekday) };
  }
  // Everything else as search reads dates, looking ahead; a bare month name counts here.
  const month =
    /\b(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\b/i.exec(
      text,
    );
  const probe =
    month && !/\bin\s+$/i.test(text.slice(0, month.index))
      ? `${text.slice(0, month.index)}in ${text.slice(month.index)}`
      : text;
  const { range, rest } = extractDateRange(probe, now, zone, 'future');
  if (!range) return { rest: text };
  return { range: { ...range, fromMs: Math.max(range.fromMs, now.getTime()) }, rest };
}
