import { DateTime } from 'luxon';
import { DIGEST_ITEMS } from '../commands/deps.js';
import { pastEventsLine } from '../commands/related.js';
import type { Hit, Reply } from '../commands/reply.js';
import { withSeriesLines } from '../commands/series.js';
import type { SearchIndex } from '../ports/search.js';
import { isEmptyQuery, parseQuery } from '../search/query-parser.js';
import { searchEvents } from '../search/search-events.js';
import { isValidTimeZone } from '../time.js';
import { eventWhen, formatDateInZone } from '../when-text.js';
import { type DigestSchedule, MORNING, type Subscription } from './model.js';
import { eventDeadlineMs } from './schedule.js';
import { readClock, CLOCK_PATTERN as TIME } from './when.js';

/** A digest more than this late (the bot was down at its time) is skipped, not posted. */
export const DIGEST_GRACE_MS = 6 * 60 * 60_000;

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)s?';

/** What `/event subscribe …` asked for. */
export interface SubscribeRequest {
  query: string;
  schedule: DigestSchedule;
  postWhenEmpty: boolean;
  /** An explicit `tz:Europe/Berlin`; otherwise the subscriber's zone is used. */
  zone?: string;
  problem?: string;
}

/**
 * Reads `[theme or query] [daily|weekly <day>|monthly [on the <n>th]] [at <time>] [always] [tz:<zone>]`.
 * The default is weekly on Monday at 09:00. "every tuesday" and "on fridays" also name a weekly day;
 * "monthly" is on the 1st unless a day is named ("monthly on the 15th"); "theme <name>" becomes a
 * theme filter; "always" asks for a digest even when nothing matches.
 */
export function parseSubscribe(text: string): SubscribeRequest {
  let rest = ` ${text.replace(/\s+/g, ' ').trim()} `;
  const take = (pattern: RegExp): RegExpExecArray | undefined => {
    const m = pattern.exec(rest);
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m ?? undefined;
  };
  const request: SubscribeRequest = {
    query: '',
    schedule: { cadence: 'weekly', weekday: 1, ...MORNING },
    postWhenEmpty: false,
  };
  const tz = take(/\s(?:tz:|timezone:|in\s+)([A-Za-z]+\/[A-Za-z0-9_+\-/]+)(?=\s)/i);
  if (tz) {
    if (isValidTimeZone(tz[1])) request.zone = tz[1];
    else
      request.problem = `“${tz[1]}” is not a time zone I know; use one like Europe/Berlin or America/New_York.`;
  }
  if (take(/\s(?:always|even\s+(?:if|when)\s+(?:empty|nothing\s+matches))(?=\s)/i))
    request.postWhenEmpty = true;
  const at = take(new RegExp(String.raw`\sat\s+(${TIME})(?=\s)`, 'i'));
  const clock = at ? readClock(at[1]) : MORNING;
  if (!clock) request.problem ??= `I couldn't read “${at?.[1]}” as a time of day; try 9am, 18:00 or noon.`;
  const daily = take(/\s(?:daily|every\s+day|each\s+day)(?=\s)/i);
  const monthly = take(
    /\s(?:monthly|every\s+month|each\s+month)(?:\s+on(?:\s+the)?(?:\s+day)?\s+(\d{1,2})(?:st|nd|rd|th)?)?(?=\s)/i,
  );
  const weekly = take(
    new RegExp(
      String.raw`\s(?:weekly(?:\s+on)?(?:\s+(${WEEKDAY}))?|every\s+(${WEEKDAY})|(?:each|on)\s+(${WEEKDAY}))(?=\s)`,
      'i',
    ),
  );
  const { hour, minute } = clock ?? MORNING;
  const cadences = [daily, weekly, monthly].filter(Boolean).length;
  const day = monthly?.[1] ? Number(monthly[1]) : 1;
  if (cadences > 1) request.problem ??= 'Choose one of daily, weekly or monthly.';
  else if (monthly && (day < 1 || day > 31))
    request.problem ??= `A month has days 1 to 31; “${day}” is not one of them. Try \`monthly on the 1st\`.`;
  else if (monthly) request.schedule = { cadence: 'monthly', day, hour, minute };
  else if (daily) request.schedule = { cadence: 'daily', hour, minute };
  else {
    const day = weekly?.[1] ?? weekly?.[2] ?? weekly?.[3];
    request.schedule = { cadence: 'weekly', weekday: day ? weekdayOf(day) : 1, hour, minute };
  }
  let query = rest
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:to|for|about)\s+/i, '');
  const theme = /^theme\s+(.+)$/i.exec(query);
  if (theme && !/^theme:/i.test(query)) query = `theme:"${theme[1].replace(/"/g, '')}"`;
  request.query = query;
  return request;
}

function weekdayOf(word: string): number {
  const w = word.toLowerCase().slice(0, 3);
  return WEEKDAYS.findIndex((d) => d.startsWith(w)) + 1;
}

/**
 * The first run of `schedule` strictly after `afterMs`, at its wall-clock time in `zone`: a weekly digest
 * at Monday 09:00 stays at 09:00 local on both sides of a DST change. A time that does not exist on a
 * spring-forward day moves forward by the gap.
 */
export function nextRun(schedule: DigestSchedule, zone: string, afterMs: number): number {
  const after = DateTime.fromMillis(afterMs, { zone });
  const at = (day: DateTime) =>
    DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: schedule.hour, minute: schedule.minute },
      { zone },
    );
  if (schedule.cadence === 'monthly') {
    // The month's own day `day`, or its last day when it is shorter (the 31st in April is the 30th).
    for (let month = after.startOf('month'); ; month = month.plus({ months: 1 })) {
      const run = at(month.set({ day: Math.min(schedule.day, month.daysInMonth ?? 28) }));
      if (run.toMillis() > afterMs) return run.toMillis();
    }
  }
  let day = after.startOf('day');
  if (schedule.cadence === 'weekly') {
    day = day.plus({ days: (schedule.weekday - day.weekday + 7) % 7 });
  }
  const step = schedule.cadence === 'weekly' ? 7 : 1;
  let run = at(day);
  while (run.toMillis() <= afterMs) {
    day = day.plus({ days: step });
    run = at(day);
  }
  return run.toMillis();
}

/** How far ahead a digest looks: two of its periods, so each event shows up in at least one digest. */
export function digestHorizonMs(schedule: DigestSchedule): number {
  const days = { daily: 2, weekly: 14, monthly: 62 }[schedule.cadence];
  return days * 24 * 60 * 60_000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "every Monday at 09:00 (Europe/Berlin)", "every day at 07:30 (UTC)". */
export function describeSchedule(schedule: DigestSchedule, zone: string): string {
  const time = `${pad(schedule.hour)}:${pad(schedule.minute)}`;
  const day =
    schedule.cadence === 'daily'
      ? 'every day'
      : schedule.cadence === 'monthly'
        ? `on the ${ordinal(schedule.day)} of every month`
        : `every ${WEEKDAYS[schedule.weekday - 1].replace(/^./, (c) => c.toUpperCase())}`;
  return `${day} at ${time} (${zone})`;
}

/** 1st, 2nd, 3rd, 4th … 21st, 31st. */
function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** What a subscription matches, in words. */
export function describeQuery(query: string): string {
  return query ? `“${query}”` : 'all upcoming events';
}

/**
 * The first this many events of a digest get their "Before this: …" line: each costs a few searches,
 * and the dispatcher builds digests on the serving thread.
 */
const DIGEST_RELATED = 5;

/**
 * The digest for a run at `runMs`: events matching the subscription's query that start within the
 * horizon and have not begun, soonest first. Undefined when nothing matches and the channel did not
 * ask for empty digests: then nothing is posted.
 */
export function buildDigest(
  subscription: Subscription,
  index: SearchIndex,
  runMs: number,
  nowMs: number,
): Extract<Reply, { kind: 'digest' }> | undefined {
  const items = digestEvents(subscription, index, runMs, nowMs);
  if (!items.length && !subscription.postWhenEmpty) return undefined;
  const until = runMs + digestHorizonMs(subscription.schedule);
  const period = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' }[subscription.schedule.cadence];
  const what = subscription.query ? `: ${subscription.query}` : '';
  const series = withSeriesLines(
    items.map((hit, i) => {
      const related =
        i < DIGEST_RELATED
          ? pastEventsLine(hit.event, {
              index,
              zone: subscription.zone,
              clock: { now: () => new Date(nowMs) },
            })
          : undefined;
      return {
        ...hit,
        when: eventWhen(hit.event, nowMs, subscription.zone),
        actions: [{ kind: 'open' as const, eventId: hit.event.id }],
        ...(related ? { related } : {}),
      };
    }),
    index,
    subscription.zone,
    nowMs,
  );
  return {
    kind: 'digest',
    heading: `${period} digest${what}`.slice(0, 140),
    items: series.items,
    ...(series.actions.length ? { actions: series.actions } : {}),
    empty: `No upcoming events match ${describeQuery(subscription.query)} before ${formatDateInZone(until, subscription.zone)}.`,
    footer: `${describeSchedule(subscription.schedule, subscription.zone)} · \`/event subscriptions\` lists this channel's digests, \`/event unsubscribe\` stops one`,
  };
}

/** The matching events of one run, soonest first. */
export function digestEvents(
  subscription: Subscription,
  index: SearchIndex,
  runMs: number,
  nowMs: number,
): Hit[] {
  const from = Math.max(runMs, nowMs);
  const until = runMs + digestHorizonMs(subscription.schedule);
  // A recurring series appears once, at its next occurrence.
  const upcoming = (hits: Hit[]) => {
    const seen = new Set<string>();
    return hits
      .filter((h) => eventDeadlineMs(h.event, subscription.zone) > from)
      .sort((a, b) => a.event.start.localeCompare(b.event.start) || a.event.id.localeCompare(b.event.id))
      .filter((h) => !h.event.series || (!seen.has(h.event.series) && seen.add(h.event.series) !== undefined))
      .slice(0, DIGEST_ITEMS);
  };
  // A day of slack before `from`, so an all-day event of today (it began at midnight) is still listed.
  const window = { fromMs: from - 24 * 60 * 60_000, toMs: until };
  if (!subscription.query) {
    const ids = index.browse(window, 'asc', DIGEST_ITEMS * 2, 0);
    return upcoming(index.events(ids).map((event) => ({ event, score: 1, matched: ['start'] })));
  }
  const query = parseQuery(subscription.query, new Date(runMs), subscription.zone);
  if (query.problems.length || isEmptyQuery(query)) return [];
  const range = query.range
    ? {
        fromMs: Math.max(query.range.fromMs, window.fromMs),
        toMs: Math.min(query.range.toMs, window.toMs),
        label: query.range.label,
      }
    : { ...window, label: 'upcoming' };
  if (range.fromMs >= range.toMs) return [];
  const result = searchEvents({ ...query, range }, index, { limit: DIGEST_ITEMS * 2, nowMs: runMs });
  return upcoming(result.hits);
}
