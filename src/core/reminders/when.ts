import { DateTime } from 'luxon';
import { chrono } from '../chrono.js';
import { MORNING, type ReminderSpec, type RemindPreset } from './model.js';

/** With no `when`, a reminder fires one day before the event. */
export const DEFAULT_SPEC: ReminderSpec = { kind: 'before', amount: 1, unit: 'days' };

/** The card's "Remind me" choices as specs. */
export function presetSpec(preset: RemindPreset): ReminderSpec {
  switch (preset) {
    case 'day-before':
      return DEFAULT_SPEC;
    case 'hour-before':
      return { kind: 'before', amount: 1, unit: 'hours' };
    case 'morning-of':
      return { kind: 'on-day', daysBefore: 0, ...MORNING };
  }
}

/** What `/event remind <query or id> [when]` said: the event words, and when (absent: the default). */
export interface SplitWhen {
  query: string;
  spec?: ReminderSpec;
  /** The `when` could be read but makes no sense ("25:00", "0 days before"), worded for the user. */
  problem?: string;
}

const NUMBER = String.raw`\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve`;
const UNIT = 'm|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?';
/** A clock time as people type it: 9, 9am, 9:30 pm, 18:00, noon. */
export const CLOCK_PATTERN = String.raw`\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|noon|midday|midnight`;
const TIME = CLOCK_PATTERN;
const WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
/** Largest spans we accept, per unit: a year ahead at most. */
const MAX_AMOUNT = { minutes: 525_600, hours: 8_760, days: 365, weeks: 52 } as const;

type Relative = { pattern: RegExp; read: (m: Record<string, string | undefined>) => ReminderSpec | string };

const tail = (body: string) => new RegExp(String.raw`(?:^|[\s,;]+)(?:${body})[\s.!]*$`, 'i');

/** The `when` forms relative to the event, each anchored at the end of the text. */
const RELATIVE: Relative[] = [
  {
    // "1 day before", "2h before", "30 minutes before it starts", "2 days before at 18:00", "at 9am 2 days before"
    pattern: tail(
      String.raw`(?:at\s+(?<t1>${TIME})\s+)?(?<n>${NUMBER})\s*(?<unit>${UNIT})\s+(?:before|earlier|ahead|prior)(?:\s+(?:it|the\s+event)(?:\s+(?:starts|begins))?)?(?:\s+at\s+(?<t2>${TIME}))?`,
    ),
    read: (m) => {
      const amount = toNumber(m.n);
      const unit = toUnit(m.unit);
      if (amount === undefined || amount < 1 || amount > MAX_AMOUNT[unit])
        return `I can remind you from 1 minute up to a year before an event, not “${m.n} ${m.unit} before”.`;
      const time = m.t1 ?? m.t2;
      if (time === undefined) return { kind: 'before', amount, unit };
      if (unit !== 'days' && unit !== 'weeks')
        return 'A clock time goes with days before (“2 days before at 18:00”), not with hours or minutes.';
      return onDay(unit === 'weeks' ? amount * 7 : amount, time);
    },
  },
  {
    // "the day before", "day before at 6pm", "at 18:00 the day before"
    pattern: tail(
      String.raw`(?:at\s+(?<t1>${TIME})\s+)?(?:on\s+)?(?:the\s+)?day\s+before(?:\s+at\s+(?<t2>${TIME}))?`,
    ),
    read: (m) => {
      const time = m.t1 ?? m.t2;
      return time === undefined ? { kind: 'before', amount: 1, unit: 'days' } : onDay(1, time);
    },
  },
  {
    // "the evening before", "the night before"
    pattern: tail(String.raw`(?:on\s+)?(?:the\s+)?(?:evening|night)\s+before`),
    read: () => ({ kind: 'on-day', daysBefore: 1, hour: 18, minute: 0 }),
  },
  {
    // "the morning of", "on the morning", "morning-of"
    pattern: tail(
      String.raw`(?:(?:on\s+)?(?:the\s+)?morning(?:\s+of)?(?:\s+(?:it|the\s+(?:event|day)))?|morning-of)`,
    ),
    read: () => ({ kind: 'on-day', daysBefore: 0, ...MORNING }),
  },
  {
    // "at 9am on the day", "on the day at 9", "on the day"
    pattern: tail(
      String.raw`(?:at\s+(?<t1>${TIME})\s+)?on\s+the\s+day(?:\s+of(?:\s+(?:it|the\s+event))?)?(?:\s+at\s+(?<t2>${TIME}))?`,
    ),
    read: (m) => onDay(0, m.t1 ?? m.t2 ?? '9:00'),
  },
  {
    // The card's choices, typed: "day-before", "hour-before".
    pattern: tail('(?<preset>day-before|hour-before)'),
    read: (m) => presetSpec(m.preset?.toLowerCase() === 'hour-before' ? 'hour-before' : 'day-before'),
  },
];

/**
 * Splits what follows `/event remind` into the event words and the `when` at the end. Relative forms are
 * read by the patterns above; anything else with a clock time ("tomorrow 9am", "dec 3 14:00", "in 10
 * minutes") by chrono, as a wall-clock time in `zone` (so a date across a DST change gets its own
 * offset). A trailing date without a time ("peacekeeping dec 3") is left to the search as a date filter.
 */
export function splitWhen(text: string, now: Date, zone: string): SplitWhen {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  for (const { pattern, read } of RELATIVE) {
    const m = pattern.exec(trimmed);
    if (!m) continue;
    const query = stripConnectors(trimmed.slice(0, m.index));
    const spec = read(m.groups ?? {});
    return typeof spec === 'string' ? { query, problem: spec } : { query, spec };
  }
  const absolute = absoluteAtEnd(trimmed, now, zone);
  if (absolute) return absolute;
  return { query: trimmed };
}

function absoluteAtEnd(text: string, now: Date, zone: string): SplitWhen | undefined {
  const reference = DateTime.fromJSDate(now, { zone });
  const results = chrono().parse(text, { instant: now, timezone: reference.offset }, { forwardDate: true });
  const last = results.at(-1);
  if (!last || !/^[\s.!]*$/.test(text.slice(last.index + last.text.length))) return undefined;
  if (!last.start.isCertain('hour')) return undefined;
  const query = stripConnectors(text.slice(0, last.index));
  const tags = last.tags?.() ?? new Set<string>();
  // "in 10 minutes" is a span from now: chrono's instant is exact. Otherwise rebuild the wall-clock time
  // in the zone, because chrono applied today's offset to a date that may be on the other side of a DST change.
  if (tags.has('result/relativeDate'))
    return { query, spec: { kind: 'at', atMs: last.start.date().getTime() } };
  const c = last.start;
  const at = DateTime.fromObject(
    {
      year: c.get('year') ?? reference.year,
      month: c.get('month') ?? reference.month,
      day: c.get('day') ?? reference.day,
      hour: c.get('hour') ?? 0,
      minute: c.get('minute') ?? 0,
    },
    { zone },
  );
  if (!at.isValid) return { query, problem: `I couldn't read “${last.text}” as a time.` };
  return { query, spec: { kind: 'at', atMs: at.toMillis() } };
}

function onDay(daysBefore: number, time: string): ReminderSpec | string {
  const clock = readClock(time);
  if (!clock) return `I couldn't read “${time}” as a time of day; try 9am, 18:00 or noon.`;
  return { kind: 'on-day', daysBefore, ...clock };
}

/** "9", "9am", "9:30 pm", "18:00", "noon", "midnight" → hour and minute; undefined when out of range. */
export function readClock(text: string): { hour: number; minute: number } | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'noon' || t === 'midday') return { hour: 12, minute: 0 };
  if (t === 'midnight') return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?m\.?)?$/.exec(t);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  if (minute > 59) return undefined;
  if (m[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[3] === 'p' ? 12 : 0);
  } else if (hour > 23) return undefined;
  return { hour, minute };
}

function toNumber(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  const lower = word.toLowerCase();
  return /^\d+$/.test(lower) ? Number(lower) : WORDS[lower];
}

function toUnit(unit: string | undefined): 'minutes' | 'hours' | 'days' | 'weeks' {
  const u = (unit ?? '').toLowerCase();
  if (u.startsWith('m')) return 'minutes';
  if (u.startsWith('h')) return 'hours';
  if (u.startsWith('w')) return 'weeks';
  return 'days';
}

/** The event words without a dangling "on", "at", "for" or punctuation left by the cut. */
function stripConnectors(text: string): string {
  return text.replace(/(?:[\s,;:–-]+|\b(?:on|at|for|by|from)\b)+$/i, '').trim();
}
