import { DateTime } from 'luxon';
import type { Event } from '../model.js';
import { eventTimeToMillis, isDateOnly, isValidTimeZone } from '../time.js';
import { MORNING, type ReminderSpec } from './model.js';

/** The instant an event starts; a date-only event starts at midnight in its own zone (else `fallbackZone`). */
export function eventStartMs(event: Event, fallbackZone = 'UTC'): number {
  return eventTimeToMillis(event.start, event.timezone, fallbackZone);
}

/**
 * The last moment a reminder of this event is still useful: its start, or for a date-only event the end
 * of its first day (so "the morning of" an all-day event makes sense). Past this, the event has begun.
 */
export function eventDeadlineMs(event: Event, fallbackZone = 'UTC'): number {
  const start = eventStartMs(event, fallbackZone);
  if (!isDateOnly(event.start)) return start;
  return DateTime.fromMillis(start, { zone: zoneOf(event, fallbackZone) })
    .plus({ days: 1 })
    .toMillis();
}

/** The event's calendar date as the reader sees it: a date-only event's own date, else the start in `zone`. */
function eventDay(
  event: Event,
  zone: string,
  fallbackZone: string,
): { year: number; month: number; day: number } {
  if (isDateOnly(event.start)) {
    const d = DateTime.fromISO(event.start, { zone: 'UTC' });
    return { year: d.year, month: d.month, day: d.day };
  }
  const d = DateTime.fromMillis(eventStartMs(event, fallbackZone), { zone });
  return { year: d.year, month: d.month, day: d.day };
}

/** Why a spec cannot apply to an event, worded for the user. */
export type DueProblem = { problem: string };

/**
 * When a reminder with `spec` fires for `event`, read in `zone` (the user's). Calendar-day spans keep the
 * wall-clock time across DST changes ("1 day before" a Monday 09:00 event is Sunday 09:00 local, whether
 * or not the clocks moved in between); hour and minute spans are exact durations. A date-only event has
 * no start time, so day spans fire at 09:00 on that day and hour spans are refused.
 */
export function computeDue(
  spec: ReminderSpec,
  event: Event,
  zone: string,
  fallbackZone = 'UTC',
): { dueMs: number } | DueProblem {
  if (spec.kind === 'at') return { dueMs: spec.atMs };
  const dateOnly = isDateOnly(event.start);
  if (spec.kind === 'before') {
    const days = spec.unit === 'weeks' ? spec.amount * 7 : spec.unit === 'days' ? spec.amount : undefined;
    if (days !== undefined) {
      if (dateOnly) return onDay(event, zone, fallbackZone, days, MORNING.hour, MORNING.minute);
      const start = DateTime.fromMillis(eventStartMs(event, fallbackZone), { zone });
      return { dueMs: start.minus({ days }).toMillis() };
    }
    if (dateOnly) {
      return {
        problem: `“${event.title}” has a date but no start time, so “${describeSpec(spec)}” has nothing to count from. Try “at 9am on the day” or “1 day before”.`,
      };
    }
    const minutes = spec.unit === 'hours' ? spec.amount * 60 : spec.amount;
    return { dueMs: eventStartMs(event, fallbackZone) - minutes * 60_000 };
  }
  return onDay(event, zone, fallbackZone, spec.daysBefore, spec.hour, spec.minute);
}

function onDay(
  event: Event,
  zone: string,
  fallbackZone: string,
  daysBefore: number,
  hour: number,
  minute: number,
): { dueMs: number } {
  const day = DateTime.fromObject(eventDay(event, zone, fallbackZone), { zone }).minus({ days: daysBefore });
  // Built from the wall-clock fields, so a time that does not exist on a spring-forward day moves forward.
  return {
    dueMs: DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour, minute },
      { zone },
    ).toMillis(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const plural = (n: number, unit: string) => `${n} ${n === 1 ? unit : `${unit}s`}`;

/** The spec in words: "1 day before", "2 hours before", "at 09:00 on the day", "at 18:00 the day before". */
export function describeSpec(spec: ReminderSpec): string {
  switch (spec.kind) {
    case 'before':
      return `${plural(spec.amount, spec.unit.slice(0, -1))} before`;
    case 'on-day': {
      const at = `at ${pad(spec.hour)}:${pad(spec.minute)}`;
      if (spec.daysBefore === 0) return `${at} on the day`;
      if (spec.daysBefore === 1) return `${at} the day before`;
      return `${at}, ${spec.daysBefore} days before`;
    }
    case 'at':
      return 'at the time you chose';
  }
}

/** How far off the start is, from `nowMs`: "in 23 hours", "in 2 days"; "now" once it has come. */
export function startsIn(startMs: number, nowMs: number): string {
  if (startMs <= nowMs) return 'now';
  return (
    DateTime.fromMillis(startMs).toRelative({ base: DateTime.fromMillis(nowMs), locale: 'en-US' }) ?? 'soon'
  );
}

function zoneOf(event: Event, fallbackZone: string): string {
  return event.timezone && isValidTimeZone(event.timezone) ? event.timezone : fallbackZone;
}
