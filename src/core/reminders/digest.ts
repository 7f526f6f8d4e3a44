import { DateTime } from 'luxon';
import { DIGEST_ITEMS } from '../commands/deps.js';
import type { Hit, Reply } from '../commands/reply.js';
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
 * Reads `[theme or query] [daily|weekly <day>] [at <time>] [always] [tz:<zone>]`. The default is weekly
 * on Monday at 09:00. "every tuesday" and "on fridays" also name a weekly day; "theme <name>" becomes a
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
  const weekly = take(
    new RegExp(
      String.raw`\s(?:weekly(?:\s+on)?(?:\s+(${WEEKDAY}))?|every\s+(${WEEKDAY})|(?:each|on)\s+(${WEEKDAY}))(?=\s)`,
      'i',
    ),
  );
  const { hour, minute } = clock ?? MORNING;
  if (daily && weekly) request.problem ??= 'Choose daily or weekly, not both.';
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
  return (schedule.cadence === 'daily' ? 2 : 14) * 24 * 60 * 60_000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "every Monday at 09:00 (Europe/Berlin)", "every day at 07:30 (UTC)". */
export function describeSchedule(schedule: DigestSchedule, zone: string): string {
  const time = `${pad(schedule.hour)}:${pad(schedule.minute)}`;
  const day =
    schedule.cadence === 'daily'
      ? 'every day'
      : `every ${WEEKDAYS[schedule.weekday - 1].replace(/^./, (c) => c.toUpperCase())}`;
  return `${day} at ${time} (${zone})`;
}

/** What a subscription matches, in words. */
export function describeQuery(query: string): string {
  return query ? `“${query}”` : 'all upcoming events';
}

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
  const period = subscription.schedule.cadence === 'daily' ? 'Daily' : 'Weekly';
  const what = subscription.query ? `: ${subscription.query}` : '';
  return {
    kind: 'digest',
    heading: `${period} digest${what}`.slice(0, 140),
    items: items.map((hit) => ({
      ...hit,
      when: eventWhen(hit.event, nowMs, subscription.zone),
      actions: [{ kind: 'open', eventId: hit.event.id }],
    })),
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
