import type { ParsedResult } from 'chrono-node';
import { DateTime } from 'luxon';
import { chrono } from '../chrono.js';

/** A half-open interval of instants, with the words a person would use for it. */
export interface DateRange {
  fromMs: number;
  toMs: number;
  label: string;
  /**
   * The calendar days the phrase names, [from, to) as yyyy-mm-dd. A past event happened on its venue's
   * day, so "21 march 2018" holds an event in Geneva that day whatever zone the asker is in.
   */
  days?: { from: string; to: string };
}

type Unit = 'day' | 'week' | 'month' | 'year';

const RELATIVE =
  /\b(this|next|last|past|previous|coming)\s+(week|month|year)\b|\b(today|tomorrow|yesterday)\b/i;
/** chrono costs about a millisecond a query; most queries hold no date word, so they skip it. */
const MIGHT_BE_DATE =
  /\d|\b(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|tomorrow|yesterday|week|month|year|ago|noon|midnight)\b/i;
/** A year on its own, unless it is a number's: "resolution 2000", "session 1999", "no. 2001", "#2010". */
const BARE_YEAR =
  /(?<![\p{L}\p{N}-])(?<!\b(?:resolution|resolutions|res|unscr|session|no|nos|number|item|article|#|№)\.?\s{0,2})(19[5-9]\d|20\d\d)(?![\p{L}\p{N}])/iu;
/** What a date written with digits must also hold to read as a date: a month, a year or a numeric date. */
const DATE_SHAPED =
  /\b(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\b|\b(19|20)\d\d\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/i;

/** True when the text holds a word or number a date phrase could be made of (a cheap test, no parsing). */
export function mightHoldDate(text: string): boolean {
  return MIGHT_BE_DATE.test(text) || RELATIVE.test(text);
}

/**
 * Finds one date phrase in free text ("september 2013", "2014", "last month", "next week", "in october",
 * "oct 9 2014") and returns the range it means in `zone`, and the text without it. Relative periods
 * and bare years are read here because their exact bounds matter; everything else goes to chrono.
 * `prefer` decides which year a month without one means: the coming one or the last one.
 */
export function extractDateRange(
  text: string,
  now: Date,
  zone: string,
  prefer: 'past' | 'future' = 'past',
): { range?: DateRange; rest: string } {
  const relative = RELATIVE.exec(text);
  // Most queries hold no date word: they skip luxon too (its first zoned date builds ICU's formatter, ~12 ms).
  if (!relative && !MIGHT_BE_DATE.test(text)) return { rest: text };
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  if (relative) {
    const range = relativeRange(relative, today);
    return { range, rest: cut(text, relative.index, relative[0].length) };
  }
  const parsed = chrono().parse(
    text,
    { instant: now, timezone: today.offset },
    { forwardDate: prefer === 'future' },
  );
  for (const result of parsed) {
    const unit = granularity(result);
    // "10th", "5 years" or "75th anniversary" hold digits but are not dates; "in may" is one.
    const acceptable =
      unit &&
      ((/\d/.test(result.text) && DATE_SHAPED.test(result.text)) ||
        /\bin\s+$/i.test(text.slice(0, result.index)));
    if (!unit || !acceptable) continue;
    const c = result.start;
    const start = DateTime.fromObject(
      {
        year: c.get('year') ?? today.year,
        month: c.get('month') ?? 1,
        day: unit === 'day' ? (c.get('day') ?? 1) : 1,
      },
      { zone },
    );
    // Without a year, a month or day means the last one when looking back, the coming one (this one
    // while it lasts) when looking ahead: chrono picks whichever is closest, or the next whole one.
    const yearless = !c.isCertain('year');
    const shifted =
      yearless && prefer === 'past' && start > today
        ? start.minus({ years: 1 })
        : yearless && prefer === 'future' && start.endOf(unit) < today
          ? start.plus({ years: 1 })
          : yearless && prefer === 'future' && start.minus({ years: 1 }).endOf(unit) >= today
            ? start.minus({ years: 1 })
            : start;
    const range = toRange(shifted, unit);
    const preposition = /\bin\s+$/i.exec(text.slice(0, result.index));
    const from = preposition ? result.index - preposition[0].length : result.index;
    return { range, rest: cut(text, from, result.index + result.text.length - from) };
  }
  const year = BARE_YEAR.exec(text);
  if (year) {
    const range = toRange(DateTime.fromObject({ year: Number(year[1]) }, { zone }), 'year');
    return { range, rest: cut(text, year.index, year[0].length) };
  }
  return { rest: text };
}

function relativeRange(match: RegExpExecArray, today: DateTime): DateRange {
  const single = match[3]?.toLowerCase();
  if (single) {
    const day =
      single === 'today' ? today : single === 'tomorrow' ? today.plus({ days: 1 }) : today.minus({ days: 1 });
    return { ...toRange(day, 'day'), label: single };
  }
  const which = match[1].toLowerCase();
  const unit = match[2].toLowerCase() as Unit;
  const shift = which === 'next' || which === 'coming' ? 1 : which === 'this' ? 0 : -1;
  const start = today.startOf(unit).plus({ [`${unit}s`]: shift });
  return { ...toRange(start, unit), label: `${which} ${unit}` };
}

function toRange(start: DateTime, unit: Unit): DateRange {
  const from = start.startOf(unit);
  const to = from.plus({ [`${unit}s`]: 1 });
  const label =
    unit === 'year'
      ? from.toFormat('yyyy')
      : unit === 'month'
        ? from.toFormat('LLLL yyyy')
        : unit === 'week'
          ? `${from.toFormat('d LLL')} – ${to.minus({ days: 1 }).toFormat('d LLL yyyy')}`
          : from.toFormat('d LLLL yyyy');
  return {
    fromMs: from.toMillis(),
    toMs: to.toMillis(),
    label,
    days: { from: from.toISODate() ?? '', to: to.toISODate() ?? '' },
  };
}

function granularity(result: ParsedResult): Unit | undefined {
  if (result.start.isCertain('day')) return 'day';
  if (result.start.isCertain('month')) return 'month';
  if (result.start.isCertain('year')) return 'year';
  return undefined;
}

function cut(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`.replace(/\s+/g, ' ').trim();
}

/** chrono compiles its parsers on first use (about 150 ms); doing it at start keeps that off a user's query. */
export function warmUpDateParsing(): void {
  const samples = [
    '9 october 2014',
    'resolution 2719',
    'un80 summit',
    'march 2019',
    'dec 3 14:00',
    'tomorrow 9am',
  ];
  for (const text of [...samples, '2014-10-09', 'in october', 'sept 2013 mediation']) {
    extractDateRange(text, new Date(0), 'UTC', 'past');
    extractDateRange(text, new Date(0), 'UTC', 'future');
  }
}
